import { composeNoQuotesInVolumes } from '../../src/rules/compose/no-quotes-in-volumes.js';
import { composeDependsOnOrder, composePortsOrder, composeServiceKeysOrder, composeServicesOrder, composeTopLevelOrder } from '../../src/rules/compose/order.js';
import { composePortsQuoted } from '../../src/rules/compose/ports-quoted.js';
import { composeVersionObsolete } from '../../src/rules/compose/version-obsolete.js';
import { projectRuleTester } from './project-harness.js';

const F = 'compose.yaml';

projectRuleTester(composeVersionObsolete, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    environment:\n      version: "1"\n' } }],
  invalid: [
    {
      name: 'removes the line, keeps comments around it',
      files: { [F]: '# my app\nversion: "3.8" # old\n# services\nservices:\n  a:\n    image: x:1 # pinned\n' },
      errors: [{ file: F, line: 2, column: 1, endColumn: 8, message: 'obsolete' }],
      output: { [F]: '# my app\n# services\nservices:\n  a:\n    image: x:1 # pinned\n' },
    },
    {
      name: 'last line without newline, CRLF',
      files: { 'docker-compose.yml': 'services:\r\n  a:\r\n    image: x:1\r\nversion: \'2\'' },
      errors: [{ file: 'docker-compose.yml', line: 4, column: 1 }],
      output: { 'docker-compose.yml': 'services:\r\n  a:\r\n    image: x:1\r\n' },
    },
    {
      name: 'flow-style top level is reported, not fixed',
      files: { [F]: '{version: "3", services: {}}\n' },
      errors: [{ file: F, line: 1, column: 2 }],
    },
  ],
});

projectRuleTester(composePortsQuoted, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    ports:\n      - "80:80"\n      - \'443:443\'\n      - target: 80\n    expose: ["9000"]\n' } }],
  invalid: [
    {
      files: { [F]: 'services:\n  a:\n    image: x:1\n    ports:\n      - 80:80 # web\n      - 3000\n    expose:\n      - 9000\n' },
      errors: [
        { file: F, line: 5, column: 9, endColumn: 14, message: 'Quote the port mapping 80:80' },
        { file: F, line: 6, column: 9 },
        { file: F, line: 8, column: 9, message: 'exposed port 9000' },
      ],
      output: { [F]: 'services:\n  a:\n    image: x:1\n    ports:\n      - "80:80" # web\n      - "3000"\n    expose:\n      - "9000"\n' },
    },
  ],
});

projectRuleTester(composeNoQuotesInVolumes, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    volumes:\n      - ./data:/data\n' } }],
  invalid: [
    {
      files: { [F]: 'services:\n  a:\n    image: x:1\n    volumes:\n      - "./data:/data" # keep\n      - "./my dir:/x"\n' },
      errors: [
        { file: F, line: 5, column: 9 },
        { file: F, line: 6, column: 9 },
      ],
      output: { [F]: 'services:\n  a:\n    image: x:1\n    volumes:\n      - ./data:/data # keep\n      - "./my dir:/x"\n' },
    },
  ],
});

projectRuleTester(composeServicesOrder, {
  valid: [{ files: { [F]: 'services:\n  api:\n    image: x:1\n  web:\n    image: x:1\n' } }],
  invalid: [{ files: { [F]: 'services:\n  web:\n    image: x:1\n  db:\n    image: x:1\n' }, errors: [{ file: F, line: 4, column: 3, message: "'db' should come before 'web'" }] }],
});

projectRuleTester(composeServiceKeysOrder, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    deploy: {}\n    ports: ["80:80"]\n    restart: always\n' } }],
  invalid: [{ files: { [F]: 'services:\n  a:\n    ports: ["80:80"]\n    image: x:1\n' }, errors: [{ file: F, line: 4, column: 5, message: "'image' of service 'a' should come before 'ports'" }] }],
});

projectRuleTester(composeDependsOnOrder, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    depends_on: [b, c]\n' } }],
  invalid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    depends_on:\n      redis:\n        condition: service_started\n      db:\n        condition: service_healthy\n' }, errors: [{ file: F, line: 7, column: 7 }] }],
});

projectRuleTester(composePortsOrder, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    ports: ["80:80", "443:443", "8080:80"]\n' } }],
  invalid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    ports: ["443:443", "80:80"]\n' }, errors: [{ file: F, line: 4, column: 24, message: 'Port 80' }] }],
});

projectRuleTester(composeTopLevelOrder, {
  valid: [{ files: { [F]: 'x-a: 1\nname: n\nservices: {}\nvolumes: {}\n' } }],
  invalid: [{ files: { [F]: 'volumes: {}\nservices: {}\n' }, errors: [{ file: F, line: 2, column: 1, message: "'services' should come before 'volumes'" }] }],
});
