// Servers whose master process starts as root and whose workers — the processes that parse the
// requests — run as an unprivileged user in their default configuration: nginx (the official image
// is built with --user=nginx and its nginx.conf says `user nginx;`; Debian's package uses www-data),
// Apache httpd (`User daemon` in the official image, www-data in Debian's apache2 and the
// php:*-apache images) and php-fpm (its pool's `user = www-data`). The same class as gosu/su-exec:
// what handles untrusted input does not run as root. USER on such an image breaks it (nginx's master
// cannot write its pid file or /var/cache/nginx), so non-root-user says so at info and names the
// unprivileged variant instead. Not seen: a copied config that sets `user root;`.

import type { Dockerfile, ImageRef } from '../../../parse/dockerfile/model.js';
import { startProgram } from '../../../project/image-purpose.js';
import { isOfficial, rootImage, tagParts } from './util.js';
import { own } from '../../../util/own.js';

export interface WorkerDrop {
  /** The server as named in the message: nginx, httpd, apache2, php-fpm. */
  server: string;
  /** Where its workers' user comes from. */
  workers: string;
  /** What to do to run no process as root. */
  instead: string;
}

const NGINX: WorkerDrop = {
  server: 'nginx',
  workers: "`user nginx;` in the official image's nginx.conf, www-data in Debian's package",
  instead: 'base on nginxinc/nginx-unprivileged (it listens on 8080) to run no process as root',
};
const HTTPD: WorkerDrop = {
  server: 'httpd',
  workers: "`User daemon` in the official image's httpd.conf, www-data in Debian's apache2",
  instead: 'to run no process as root, listen on a port above 1024 with writable log and pid paths and add USER',
};
const APACHE2: WorkerDrop = { server: 'apache2', workers: '`User ${APACHE_RUN_USER}`, www-data', instead: HTTPD.instead };
const PHP_FPM: WorkerDrop = {
  server: 'php-fpm',
  workers: "`user = www-data` in its pool's www.conf",
  instead: 'to run no process as root, add USER www-data (php-fpm then runs its pool as that user; it listens on 9000)',
};

/** Programs of the class, by the name the image starts. */
const BY_PROGRAM: Record<string, WorkerDrop> = {
  nginx: NGINX,
  openresty: NGINX,
  httpd: HTTPD,
  'httpd-foreground': HTTPD,
  apache2: APACHE2,
  'apache2-foreground': APACHE2,
  apache2ctl: APACHE2,
};

/** The server an official base image starts when the image keeps its command (`FROM nginx:alpine` with no CMD). */
function byBase(image: ImageRef): WorkerDrop | null {
  if (image.isScratch || image.stage !== null) return null;
  const name = image.name.toLowerCase();
  if (isOfficial(image) && name === 'nginx') return NGINX;
  if (isOfficial(image) && name === 'httpd') return HTTPD;
  if (name === 'openresty/openresty' && !image.registry) return NGINX;
  if (isOfficial(image) && name === 'php') {
    const parts = tagParts(image);
    if (parts.includes('fpm')) return PHP_FPM;
    if (parts.includes('apache')) return APACHE2;
  }
  return null;
}

/** The worker-dropping server the shipped image starts as root, or null. */
export function workerDrop(df: Dockerfile): WorkerDrop | null {
  const shipped = df.shipped;
  if (!shipped) return null;
  const start = startProgram(df);
  if (!start) return null;
  if (start.inherited) return byBase(rootImage(shipped).image);
  if (/^php-fpm[\d.]*$/.test(start.name)) return PHP_FPM;
  return own(BY_PROGRAM, start.name) ?? null;
}
