// Package managers: apt, apk, yum/dnf/zypper, pip, npm, gem, go, yarn, and TLS checks.
import type { DockerfileRule } from '../../types.js';

export const packageRules: DockerfileRule[] = [];
