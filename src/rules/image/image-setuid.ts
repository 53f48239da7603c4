import type { ImageRule } from '../types.js';

/** setuid/setgid programs Debian, Ubuntu, Alpine and RHEL-family bases ship on purpose. */
export const USUAL_SETUID = new Set([
  '/bin/su', '/usr/bin/su', '/bin/mount', '/usr/bin/mount', '/bin/umount', '/usr/bin/umount', '/bin/ping', '/usr/bin/ping',
  '/usr/bin/passwd', '/usr/bin/chsh', '/usr/bin/chfn', '/usr/bin/gpasswd', '/usr/bin/newgrp', '/usr/bin/chage', '/usr/bin/expiry',
  '/usr/bin/wall', '/usr/bin/write', '/usr/bin/ssh-agent', '/usr/bin/crontab', '/usr/bin/sudo', '/usr/bin/pkexec',
  '/sbin/unix_chkpwd', '/usr/sbin/unix_chkpwd', '/usr/sbin/pam_extrausers_chkpwd', '/usr/lib/openssh/ssh-keysign',
  '/usr/libexec/openssh/ssh-keysign', '/usr/lib/dbus-1.0/dbus-daemon-launch-helper', '/bin/bbsuid', '/usr/bin/newuidmap', '/usr/bin/newgidmap',
  '/usr/lib/polkit-1/polkit-agent-helper-1', '/usr/libexec/polkit-agent-helper-1',
]);
/** The same under a multiarch folder (`/usr/lib/x86_64-linux-gnu/utempter/utempter`). */
const USUAL_MULTIARCH = /^\/usr\/lib\/[a-z0-9_]+-linux-gnu[a-z]*\/utempter\/utempter$/;
export const isUsualSetuid = (path: string): boolean => USUAL_SETUID.has(path) || USUAL_MULTIARCH.test(path);

export const imageSetuid: ImageRule = {
  meta: {
    id: 'image-setuid',
    target: 'image',
    category: 'security',
    severity: 'warning',
    aliases: ['CIS-DI-0008'],
    title: 'A setuid or setgid file that the base distribution does not ship',
    description:
      "A setuid (or setgid) program runs with its owner's (group's) rights whoever starts it: a bug in it, or a copied shell, turns any user of the container into root. Distributions ship a few (`su`, `passwd`, `mount`) on purpose; others are usually a mistake. Remove the bits (`chmod u-s,g-s`) in the same RUN that installs the file, or run the container with `--security-opt no-new-privileges`.",
    bad: 'FROM debian:12-slim\nCOPY tool /usr/local/bin/tool\nRUN chmod 4755 /usr/local/bin/tool\n',
    good: 'FROM debian:12-slim\nCOPY --chmod=0755 tool /usr/local/bin/tool\n',
    fixable: false,
    differs: 'dockle CIS-DI-0008 lists every setuid/setgid file, the distribution\'s own included; slipway leaves out the ones bases ship on purpose (su, passwd, mount, ping, ssh-keysign, unix_chkpwd …; the list was checked against the setuid/setgid files of a Debian 12 host).',
  },
  check({ image, report }) {
    for (const f of image.files.values()) {
      if (f.type !== 'file' || !(f.mode & 0o6000) || isUsualSetuid(f.path)) continue;
      const bits = [f.mode & 0o4000 ? 'setuid' : '', f.mode & 0o2000 ? 'setgid' : ''].filter(Boolean).join(' and ');
      report({ layer: f.layer, path: f.path, message: `${f.path} is ${bits} (mode ${(f.mode & 0o7777).toString(8)}): remove the bit unless the program must gain rights` });
    }
  },
};
