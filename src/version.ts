// Replaced at build time by the bundler; the fallback serves tests run from source.
declare const __SLIPWAY_VERSION__: string | undefined;
export const VERSION: string = typeof __SLIPWAY_VERSION__ === 'string' ? __SLIPWAY_VERSION__ : '0.0.0-dev';
