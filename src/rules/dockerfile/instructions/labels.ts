// LABEL keys and values, and the value types of hadolint's `label-schema`.

import type { Dockerfile, Instruction, Property } from '../../../parse/dockerfile/model.js';
import { resolve, stageChain, unquote } from './util.js';

/** The label schema under which the label rules' `bad` examples are judged (docs and meta test). */
export const EXAMPLE_LABEL_SCHEMA: Record<string, string> = {
  'org.opencontainers.image.source': 'url',
  'org.opencontainers.image.version': 'semver',
  'org.opencontainers.image.licenses': 'spdx',
};

export interface LabelPair {
  inst: Instruction;
  prop: Property;
  /** Value after quote removal and substitution; null when a variable is unknown. */
  value: string | null;
  /** The key's span (the whole pair when the key was quoted). */
  keyStart: number;
  keyEnd: number;
}

export function labelPairs(df: Dockerfile, inst: Instruction): LabelPair[] {
  if (inst.keyword !== 'LABEL') return [];
  return inst.properties.map((prop) => {
    const literalKey = df.text.startsWith(prop.name, prop.start);
    return {
      inst,
      prop,
      value: prop.value === null ? '' : resolve(df, inst, unquote(prop.value)),
      keyStart: prop.start,
      keyEnd: literalKey ? prop.start + prop.name.length : prop.end,
    };
  });
}

/** The labels of the image that ships: LABELs of the shipped stage and the stages it is built FROM. */
export function shippedLabels(df: Dockerfile): LabelPair[] {
  if (!df.shipped) return [];
  return stageChain(df.shipped)
    .reverse()
    .flatMap((s) => s.instructions.flatMap((i) => labelPairs(df, i)));
}

// SPDX license identifiers (spdx.org/licenses), the ones seen in practice.
const SPDX_IDS = new Set(
  `0BSD AFL-1.1 AFL-1.2 AFL-2.0 AFL-2.1 AFL-3.0 AGPL-1.0 AGPL-1.0-only AGPL-1.0-or-later AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later
  Apache-1.0 Apache-1.1 Apache-2.0 APSL-1.0 APSL-1.1 APSL-1.2 APSL-2.0 Artistic-1.0 Artistic-1.0-Perl Artistic-1.0-cl8 Artistic-2.0
  BlueOak-1.0.0 BSD-1-Clause BSD-2-Clause BSD-2-Clause-Patent BSD-2-Clause-Views BSD-3-Clause BSD-3-Clause-Clear BSD-3-Clause-LBNL
  BSD-3-Clause-No-Nuclear-License BSD-4-Clause BSD-4-Clause-UC BSD-Source-Code BSL-1.0 BUSL-1.1 bzip2-1.0.6 CAL-1.0 CC-BY-1.0 CC-BY-2.0
  CC-BY-2.5 CC-BY-3.0 CC-BY-4.0 CC-BY-NC-4.0 CC-BY-NC-ND-4.0 CC-BY-NC-SA-4.0 CC-BY-ND-4.0 CC-BY-SA-3.0 CC-BY-SA-4.0 CC0-1.0 CDDL-1.0
  CDDL-1.1 CECILL-2.0 CECILL-2.1 CECILL-B CECILL-C ClArtistic CNRI-Python CPAL-1.0 CPL-1.0 curl ECL-1.0 ECL-2.0 EFL-1.0 EFL-2.0 Elastic-2.0
  EPL-1.0 EPL-2.0 EUPL-1.0 EUPL-1.1 EUPL-1.2 FSFAP FSFUL FSFULLR FTL GFDL-1.1 GFDL-1.1-only GFDL-1.1-or-later GFDL-1.2 GFDL-1.2-only
  GFDL-1.2-or-later GFDL-1.3 GFDL-1.3-only GFDL-1.3-or-later GPL-1.0 GPL-1.0-only GPL-1.0-or-later GPL-1.0+ GPL-2.0 GPL-2.0-only
  GPL-2.0-or-later GPL-2.0+ GPL-2.0-with-classpath-exception GPL-3.0 GPL-3.0-only GPL-3.0-or-later GPL-3.0+ HPND IJG ImageMagick
  Info-ZIP IPA IPL-1.0 ISC JSON LGPL-2.0 LGPL-2.0-only LGPL-2.0-or-later LGPL-2.0+ LGPL-2.1 LGPL-2.1-only LGPL-2.1-or-later LGPL-2.1+
  LGPL-3.0 LGPL-3.0-only LGPL-3.0-or-later LGPL-3.0+ Libpng libpng-2.0 libtiff LPL-1.02 LPPL-1.3c MirOS MIT MIT-0 MIT-CMU MIT-Modern-Variant
  MPL-1.0 MPL-1.1 MPL-2.0 MPL-2.0-no-copyleft-exception MS-PL MS-RL MulanPSL-2.0 NCSA Net-SNMP NTP OFL-1.0 OFL-1.1 OpenSSL OSL-1.0 OSL-2.0
  OSL-2.1 OSL-3.0 PHP-3.0 PHP-3.01 PostgreSQL PSF-2.0 Python-2.0 Python-2.0.1 QPL-1.0 Ruby SGI-B-2.0 SISSL SSPL-1.0 Sleepycat
  Spencer-94 TCL Unicode-3.0 Unicode-DFS-2015 Unicode-DFS-2016 Unlicense UPL-1.0 Vim W3C W3C-20150513 WTFPL X11 XFree86-1.1 Xnet
  Zend-2.0 Zlib zlib-acknowledgement ZPL-1.1 ZPL-2.0 ZPL-2.1`.split(/\s+/).map((s) => s.toLowerCase()),
);
const SPDX_EXCEPTIONS = new Set(
  'Classpath-exception-2.0 LLVM-exception GCC-exception-3.1 Autoconf-exception-3.0 Bison-exception-2.2 OpenJDK-assembly-exception-1.0 Linux-syscall-note Font-exception-2.0 WxWindows-exception-3.1 Qt-LGPL-exception-1.1 Universal-FOSS-exception-1.0'
    .split(' ')
    .map((s) => s.toLowerCase()),
);

/** An SPDX license expression: `MIT`, `Apache-2.0 OR MIT`, `(GPL-2.0-only WITH Classpath-exception-2.0)`, `LicenseRef-x`. */
export function isSpdxExpression(text: string): boolean {
  const tokens = text.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let depth = 0;
  let expectId = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (expectId) {
      if (t === '(') depth++;
      else if (/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(t) || SPDX_IDS.has(t.replace(/\+$/, '').toLowerCase())) expectId = false;
      else return false;
    } else if (t === ')') {
      if (--depth < 0) return false;
    } else if (t === 'AND' || t === 'OR') {
      expectId = true;
    } else if (t === 'WITH') {
      const e = tokens[++i];
      if (!e || !SPDX_EXCEPTIONS.has(e.toLowerCase())) return false;
    } else return false;
  }
  return !expectId && depth === 0;
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

function isUrl(v: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

function isRfc3339(v: string): boolean {
  const m = RFC3339.exec(v);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  return mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= days && h! <= 23 && mi! <= 59 && s! <= 60;
}

/** Type name of `label-schema` → check, with what the message says a valid value looks like. */
export const LABEL_TYPES: Record<string, { valid: (v: string) => boolean; want: string; alias: string }> = {
  url: { valid: isUrl, want: 'a URL (https://…)', alias: 'DL3052' },
  rfc3339: { valid: isRfc3339, want: 'an RFC 3339 time (2024-05-01T12:00:00Z)', alias: 'DL3053' },
  spdx: { valid: isSpdxExpression, want: 'an SPDX license identifier or expression (MIT, Apache-2.0 OR MIT)', alias: 'DL3054' },
  hash: { valid: (v) => /^(?:[0-9a-f]{7}|[0-9a-f]{40}|[0-9a-f]{64})$/.test(v), want: 'a git commit hash (7 or 40 lower-case hex digits)', alias: 'DL3055' },
  semver: { valid: (v) => SEMVER.test(v), want: 'a semantic version (1.2.3)', alias: 'DL3056' },
  email: { valid: (v) => EMAIL.test(v), want: 'an e-mail address (name@example.com)', alias: 'DL3058' },
};
