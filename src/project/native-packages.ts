// The one list of packages that carry compiled code: `slipway init` reads it to keep such projects off
// Alpine (and to install system libraries), the rule python-alpine-c-extensions to warn about them.

/** Python distributions (PEP 503 names) with C/C++/Rust extensions: on musl they often compile from source. */
export const PYTHON_C_EXTENSIONS: ReadonlySet<string> = new Set([
  'aiohttp', 'argon2-cffi', 'asyncpg', 'bcrypt', 'cffi', 'confluent-kafka', 'cryptography', 'cython', 'fiona',
  'frozenlist', 'gdal', 'gevent', 'greenlet', 'grpcio', 'grpcio-tools', 'h5py', 'httptools', 'jiter', 'lightgbm',
  'llvmlite', 'lxml', 'lz4', 'markupsafe', 'matplotlib', 'msgpack', 'multidict', 'mysqlclient', 'numba', 'numpy',
  'opencv-python', 'opencv-python-headless', 'orjson', 'pandas', 'pillow', 'polars', 'psutil', 'psycopg',
  'psycopg-binary', 'psycopg2', 'psycopg2-binary', 'pyarrow', 'pycryptodome', 'pydantic-core', 'pymssql', 'pynacl',
  'pyodbc', 'pyproj', 'python-ldap', 'pyyaml', 'regex', 'rpds-py', 'scikit-image', 'scikit-learn', 'scipy', 'shapely',
  'statsmodels', 'tables', 'tensorflow', 'tokenizers', 'torch', 'ujson', 'uvloop', 'watchfiles', 'xgboost', 'yarl',
  'zstandard',
]);

/** Node packages with native addons (node-gyp, or prebuilt binaries tied to libc). */
export const NODE_NATIVE_ADDONS: ReadonlySet<string> = new Set([
  'argon2', 'bcrypt', 'better-sqlite3', 'bufferutil', 'canvas', 'cpu-features', 'grpc', 'leveldown', 'libxmljs',
  'node-rdkafka', 'node-sass', 're2', 'sharp', 'sqlite3', 'ssh2', 'utf-8-validate', 'zeromq',
]);

/** System libraries a few Python packages need when no wheel fits: build-time and run-time Debian packages. */
export const PYTHON_SYSTEM_PACKAGES: Readonly<Record<string, { build: string[]; runtime: string[] }>> = {
  psycopg2: { build: ['gcc', 'libc6-dev', 'libpq-dev'], runtime: ['libpq5'] },
  mysqlclient: { build: ['gcc', 'libc6-dev', 'pkg-config', 'default-libmysqlclient-dev'], runtime: ['libmariadb3'] },
  'python-ldap': { build: ['gcc', 'libc6-dev', 'libldap2-dev', 'libsasl2-dev'], runtime: ['libldap-2.5-0', 'libsasl2-2'] },
};
