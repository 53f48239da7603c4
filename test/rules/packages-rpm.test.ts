import { dnfCleanAll } from '../../src/rules/dockerfile/packages/dnf-clean-all.js';
import { dnfPinVersions } from '../../src/rules/dockerfile/packages/dnf-pin-versions.js';
import { dnfYes } from '../../src/rules/dockerfile/packages/dnf-yes.js';
import { microdnfCleanAll } from '../../src/rules/dockerfile/packages/microdnf-clean-all.js';
import { rpmGpgCheckDisabled } from '../../src/rules/dockerfile/packages/rpm-gpg-check-disabled.js';
import { rpmSignatureCheckDisabled } from '../../src/rules/dockerfile/packages/rpm-signature-check-disabled.js';
import { yumCleanAll } from '../../src/rules/dockerfile/packages/yum-clean-all.js';
import { yumPinVersions } from '../../src/rules/dockerfile/packages/yum-pin-versions.js';
import { yumSslverifyDisabled } from '../../src/rules/dockerfile/packages/yum-sslverify-disabled.js';
import { yumYes } from '../../src/rules/dockerfile/packages/yum-yes.js';
import { zypperClean } from '../../src/rules/dockerfile/packages/zypper-clean.js';
import { zypperDistUpgrade } from '../../src/rules/dockerfile/packages/zypper-dist-upgrade.js';
import { zypperNonInteractive } from '../../src/rules/dockerfile/packages/zypper-non-interactive.js';
import { zypperPinVersions } from '../../src/rules/dockerfile/packages/zypper-pin-versions.js';
import { ruleTester } from './harness.js';

const C = 'FROM centos:7\n';
const D = 'FROM fedora:40\n';
const S = 'FROM opensuse/leap:15.6\n';

ruleTester(yumYes, {
  valid: [
    C + 'RUN yum install -y httpd\n',
    C + 'RUN yum -y install httpd\n',
    C + 'RUN yum install --assumeyes httpd\n',
    C + 'RUN yum --setopt=assumeyes=1 update\n',
    C + 'RUN yum clean all\n',
    { name: 'assumeyes configured earlier', code: C + 'RUN echo "assumeyes=1" >> /etc/yum.conf\nRUN yum install httpd\n' },
  ],
  invalid: [
    {
      code: C + 'RUN yum install httpd\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: 'yum install -y' }],
      output: C + 'RUN yum install -y httpd\n',
    },
    {
      name: 'group install: -y after the action',
      code: C + 'RUN yum --enablerepo extras group install "Development Tools"\n',
      errors: [{ line: 2, column: 5, endColumn: 42, message: 'group install' }],
      output: C + 'RUN yum --enablerepo extras group install -y "Development Tools"\n',
    },
    { name: 'update prompts too', code: C + 'RUN yum update\n', errors: [{ line: 2, column: 5 }], output: C + 'RUN yum update -y\n' },
  ],
});

ruleTester(dnfYes, {
  valid: [D + 'RUN dnf install -y httpd\n', D + 'RUN dnf makecache\n', D + 'RUN microdnf install -y httpd\n', D + 'RUN dnf module list\n'],
  invalid: [
    { name: 'microdnf asks too', code: D + 'RUN microdnf install httpd\n', errors: [{ line: 2, column: 5 }], output: D + 'RUN microdnf install -y httpd\n' },
    { name: 'dnf short form', code: D + 'RUN dnf in httpd\n', errors: [{ line: 2, column: 5, endColumn: 11 }], output: D + 'RUN dnf in -y httpd\n' },
    { code: D + 'RUN dnf install httpd\n', errors: [{ line: 2, column: 5, endColumn: 16 }], output: D + 'RUN dnf install -y httpd\n' },
    { code: D + 'RUN dnf5 module enable nodejs:20\n', errors: [{ line: 2, column: 5, message: 'module enable' }], output: D + 'RUN dnf5 module enable -y nodejs:20\n' },
  ],
});

ruleTester(yumCleanAll, {
  valid: [
    C + 'RUN yum install -y httpd && yum clean all\n',
    C + 'RUN yum install -y httpd && rm -rf /var/cache/yum\n',
    C + 'RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd\n',
    C + 'RUN yum remove -y httpd\n',
    { name: 'builder stage', code: 'FROM centos:7 AS build\nRUN yum install -y gcc\nFROM centos:7\nCOPY --from=build /a /a\n' },
  ],
  invalid: [
    { code: C + 'RUN yum install -y httpd\n', errors: [{ line: 2, column: 5, endColumn: 16, message: 'yum clean all' }] },
    { name: 'clean in a later RUN', code: C + 'RUN yum -y update && yum -y install httpd\nRUN yum clean all\n', errors: [{ line: 2, column: 5, endColumn: 18 }] },
    { name: 'clean packages only is not enough', code: C + 'RUN yum install -y httpd && yum clean packages\n', errors: [{ line: 2, column: 5 }] },
  ],
});

ruleTester(dnfCleanAll, {
  valid: [D + 'RUN dnf install -y httpd && dnf clean all\n', D + 'RUN --mount=type=cache,target=/var/cache/libdnf5 dnf5 install -y httpd\n'],
  invalid: [
    { code: D + 'RUN dnf install -y httpd\n', errors: [{ line: 2, column: 5, endColumn: 16 }] },
    { code: D + 'RUN dnf -y module install nodejs:20\n', errors: [{ line: 2, column: 5, endColumn: 26 }] },
  ],
});

ruleTester(microdnfCleanAll, {
  valid: ['FROM ubi9/ubi-minimal\nRUN microdnf install -y tar && microdnf clean all\n', 'FROM ubi9/ubi-minimal\nRUN microdnf install -y tar && rm -rf /var/cache/yum/*\n'],
  invalid: [
    { code: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y tar\n', errors: [{ line: 2, column: 5, endColumn: 21, message: 'microdnf clean all' }] },
    { code: 'FROM ubi9/ubi-minimal\nRUN microdnf update -y && microdnf clean packages\n', errors: [{ line: 2, column: 5 }] },
  ],
});

ruleTester(zypperClean, {
  valid: [S + 'RUN zypper -n install curl && zypper clean -a\n', S + 'RUN zypper -n in curl && zypper cc\n', S + 'RUN zypper -n rm curl\n'],
  invalid: [
    { code: S + 'RUN zypper -n install curl\n', errors: [{ line: 2, column: 5, endColumn: 22 }] },
    { code: S + 'RUN zypper --non-interactive in curl\nRUN zypper clean\n', errors: [{ line: 2, column: 5 }] },
  ],
});

ruleTester(zypperNonInteractive, {
  valid: [S + 'RUN zypper -n install curl\n', S + 'RUN zypper install -y curl\n', S + 'RUN zypper --non-interactive dup\n', S + 'RUN zypper refresh\n'],
  invalid: [
    { code: S + 'RUN zypper install curl\n', errors: [{ line: 2, column: 5, endColumn: 19 }], output: S + 'RUN zypper -n install curl\n' },
    {
      name: '-n after the sub-command means --name',
      code: S + 'RUN zypper in -n curl\n',
      errors: [{ line: 2, column: 5, message: 'zypper -n in' }],
      output: S + 'RUN zypper -n in -n curl\n',
    },
  ],
});

ruleTester(zypperDistUpgrade, {
  valid: [S + 'RUN zypper -n update\n', S + 'RUN zypper -n install dup\n'],
  invalid: [
    { code: S + 'RUN zypper -n dist-upgrade\n', errors: [{ line: 2, column: 5, endColumn: 27 }] },
    { code: S + 'RUN zypper --non-interactive dup --no-recommends\n', errors: [{ line: 2, column: 5, endColumn: 33 }] },
  ],
});

ruleTester(yumPinVersions, {
  valid: [C + 'RUN yum install -y httpd-2.4.6\n', C + 'RUN yum install -y @development /tmp/x.rpm $PKG\n', C + 'RUN yum groupinstall -y "Development Tools"\n'],
  invalid: [
    { code: C + 'RUN yum install -y httpd python3-pip-9.0.3\n', errors: [{ line: 2, column: 20, endColumn: 25, message: "'httpd'" }] },
    { name: 'a dash alone is not a version', code: C + 'RUN yum install -y python3-pip\n', errors: [{ line: 2, column: 20 }] },
  ],
});

ruleTester(dnfPinVersions, {
  valid: [
    D + 'RUN dnf install -y httpd-2.4.62\n',
    D + 'RUN dnf module install -y nodejs:20\n',
    { name: 'a version from ENV', code: D + 'ENV version=2.51.0-2.fc42\nRUN dnf -y install git-core-${version}\n' },
    { name: 'a version from ARG', code: D + 'ARG version=2.51.0-2.fc42\nRUN dnf -y install "git-core-$version"\n' },
    { name: 'an ARG without default: --build-arg gives it', code: D + 'ARG version\nRUN dnf -y install git-core-$version\n' },
    { name: 'ENV of the parent stage', code: 'FROM fedora:40 AS base\nENV version=2.51.0\nFROM base\nRUN dnf -y install git-core-${version}\n' },
    { name: 'a name the stage does not set: the base image may', code: 'FROM nginx:1.27\nRUN dnf -y install nginx-module-njs-${NGINX_VERSION}\n' },
  ],
  invalid: [
    { code: D + 'RUN dnf install -y --setopt=install_weak_deps=False httpd\n', errors: [{ line: 2, column: 53 }] },
    { code: D + 'RUN dnf module install -y nodejs\n', errors: [{ line: 2, column: 27 }] },
    {
      name: 'a known value without a version',
      code: D + 'ENV flavour=core\nRUN dnf -y install git-${flavour}\n',
      errors: [{ line: 3, column: 20, message: "'git-${flavour}'" }],
    },
  ],
});

ruleTester(zypperPinVersions, {
  valid: [S + 'RUN zypper -n in curl=8.6.0\n', S + 'RUN zypper -n in "curl>=8"\n', S + 'RUN zypper -n in -t pattern devel_basis\n'],
  invalid: [
    { code: S + 'RUN zypper -n in curl\n', errors: [{ line: 2, column: 18, endColumn: 22 }] },
    { code: S + 'RUN zypper -n install -t package curl wget\n', errors: [{ line: 2, column: 34 }, { line: 2, column: 39 }] },
  ],
});

ruleTester(rpmGpgCheckDisabled, {
  valid: [D + 'RUN dnf install -y httpd\n', D + 'RUN dnf install -y --setopt=gpgcheck=1 httpd\n'],
  invalid: [
    { code: D + 'RUN dnf install -y --nogpgcheck httpd\n', errors: [{ line: 2, column: 20, endColumn: 32 }] },
    { code: S + 'RUN zypper --no-gpg-checks -n in x\n', errors: [{ line: 2, column: 12 }] },
    { code: C + 'RUN yum-config-manager --setopt=myrepo.gpgcheck=0 --save\n', errors: [{ line: 2, column: 24 }] },
  ],
});

ruleTester(rpmSignatureCheckDisabled, {
  valid: [D + 'RUN rpm -ivh /tmp/x.rpm\n', D + 'RUN rpm -qa --nosignature\n', D + 'RUN rpm -qi --nodigest bash\n'],
  invalid: [
    { code: D + 'RUN rpm -Uvh --nosignature --nodigest /tmp/x.rpm\n', errors: [{ line: 2, column: 14, endColumn: 27 }, { line: 2, column: 28 }] },
    { code: D + 'RUN rpm --install --noverify /tmp/x.rpm\n', errors: [{ line: 2, column: 19 }] },
  ],
});

ruleTester(yumSslverifyDisabled, {
  valid: [D + 'RUN dnf install -y httpd\n', D + 'RUN dnf config-manager --setopt=x.sslverify=1 --save\n', D + 'RUN echo sslverify=1 >> /etc/dnf/dnf.conf\n'],
  invalid: [
    { code: D + 'RUN dnf config-manager --save --setopt=x.sslverify=0\n', errors: [{ line: 2, column: 31, endColumn: 53 }] },
    { code: C + 'RUN yum install -y --setopt sslverify=false httpd\n', errors: [{ line: 2, column: 20 }] },
    { code: C + 'RUN echo "sslverify=0" >> /etc/yum.conf\n', errors: [{ line: 2, column: 10 }] },
    { code: D + 'RUN dnf5 config-manager setopt internal.sslverify=False\n', errors: [{ line: 2, column: 32 }] },
  ],
});
