// The compose view: parse, group, merge, interpolate (see project.ts), and the accessors rules use.
export * from './model.js';
export { composeOf, composeHealthcheckFor, serviceDockerfile, fileExists, dirExists, hasHealthcheck, splitVolume, volumeTarget, mergeValues, BASE_NAMES, OVERRIDE_NAMES, type ComposeModel } from './project.js';
export { interpolate, type VarUse, type VarForm, type Lookup } from './interpolate.js';
export { parseDotenv, dotenvMap, type DotenvEntry } from '../dotenv.js';
export * from './values.js';
export { toPlain } from './yaml.js';
export * from './ports.js';
export { projectIndex } from './project.js';
