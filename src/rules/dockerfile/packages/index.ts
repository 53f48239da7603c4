// Package managers: apt, apk, yum/dnf/zypper, pip, npm, gem, go, yarn, and TLS checks.
import type { DockerfileRule } from '../../types.js';
import { apkAllowUntrusted } from './apk-allow-untrusted.js';
import { apkNoCache } from './apk-no-cache.js';
import { apkPinVersions } from './apk-pin-versions.js';
import { aptAllowUnauthenticated } from './apt-allow-unauthenticated.js';
import { aptDistUpgrade } from './apt-dist-upgrade.js';
import { aptForceYes } from './apt-force-yes.js';
import { aptGetYes } from './apt-get-yes.js';
import { aptListsCleanup } from './apt-lists-cleanup.js';
import { aptNoInstallRecommends } from './apt-no-install-recommends.js';
import { aptPinVersions } from './apt-pin-versions.js';
import { curlAndWget } from './curl-and-wget.js';
import { curlInsecure } from './curl-insecure.js';
import { dnfCleanAll } from './dnf-clean-all.js';
import { dnfPinVersions } from './dnf-pin-versions.js';
import { dnfYes } from './dnf-yes.js';
import { gemPinVersions } from './gem-pin-versions.js';
import { gitSslNoVerify } from './git-ssl-no-verify.js';
import { goInstallVersion } from './go-install-version.js';
import { microdnfCleanAll } from './microdnf-clean-all.js';
import { nodeTlsRejectUnauthorized } from './node-tls-reject-unauthorized.js';
import { npmPinVersions } from './npm-pin-versions.js';
import { npmStrictSslConfig } from './npm-strict-ssl-config.js';
import { npmStrictSslEnv } from './npm-strict-ssl-env.js';
import { pipNoCacheDir } from './pip-no-cache-dir.js';
import { pipPinVersions } from './pip-pin-versions.js';
import { pipTrustedHostEnv } from './pip-trusted-host-env.js';
import { pipTrustedHost } from './pip-trusted-host.js';
import { pythonHttpsVerifyDisabled } from './python-https-verify-disabled.js';
import { rpmGpgCheckDisabled } from './rpm-gpg-check-disabled.js';
import { rpmSignatureCheckDisabled } from './rpm-signature-check-disabled.js';
import { updateAlone } from './update-alone.js';
import { useAptGet } from './use-apt-get.js';
import { wgetNoCheckCertificate } from './wget-no-check-certificate.js';
import { wgetProgress } from './wget-progress.js';
import { yarnCacheClean } from './yarn-cache-clean.js';
import { yumCleanAll } from './yum-clean-all.js';
import { yumPinVersions } from './yum-pin-versions.js';
import { yumSslverifyDisabled } from './yum-sslverify-disabled.js';
import { yumYes } from './yum-yes.js';
import { zypperClean } from './zypper-clean.js';
import { zypperDistUpgrade } from './zypper-dist-upgrade.js';
import { zypperNonInteractive } from './zypper-non-interactive.js';
import { zypperPinVersions } from './zypper-pin-versions.js';

export const packageRules: DockerfileRule[] = [
  apkAllowUntrusted,
  apkNoCache,
  apkPinVersions,
  aptAllowUnauthenticated,
  aptDistUpgrade,
  aptForceYes,
  aptGetYes,
  aptListsCleanup,
  aptNoInstallRecommends,
  aptPinVersions,
  curlAndWget,
  curlInsecure,
  dnfCleanAll,
  dnfPinVersions,
  dnfYes,
  gemPinVersions,
  gitSslNoVerify,
  goInstallVersion,
  microdnfCleanAll,
  nodeTlsRejectUnauthorized,
  npmPinVersions,
  npmStrictSslConfig,
  npmStrictSslEnv,
  pipNoCacheDir,
  pipPinVersions,
  pipTrustedHostEnv,
  pipTrustedHost,
  pythonHttpsVerifyDisabled,
  rpmGpgCheckDisabled,
  rpmSignatureCheckDisabled,
  updateAlone,
  useAptGet,
  wgetNoCheckCertificate,
  wgetProgress,
  yarnCacheClean,
  yumCleanAll,
  yumPinVersions,
  yumSslverifyDisabled,
  yumYes,
  zypperClean,
  zypperDistUpgrade,
  zypperNonInteractive,
  zypperPinVersions,
];
