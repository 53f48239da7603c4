// The compose rules (target 'compose'), over the compose view of src/parse/compose/.
import type { ProjectRule } from '../types.js';
import { composeBuildAndImage } from './build-and-image.js';
import { composeBuildTargetMissing } from './build-target-missing.js';
import { composeCapAddAll } from './cap-add-all.js';
import { composeContainerNameRegex } from './container-name-regex.js';
import { composeDbPortPublic } from './db-port-public.js';
import { composeDockerSocket } from './docker-socket.js';
import { composeDockerfileMissing } from './dockerfile-missing.js';
import { composeDuplicateContainerName } from './duplicate-container-name.js';
import { composeDuplicatePublishedPort } from './duplicate-published-port.js';
import { composeHostNetwork } from './host-network.js';
import { composeImageTag } from './image-tag.js';
import { composeLiteralSecret } from './literal-secret.js';
import { composeNoQuotesInVolumes } from './no-quotes-in-volumes.js';
import { composeDependsOnOrder, composePortsOrder, composeServiceKeysOrder, composeServicesOrder, composeTopLevelOrder } from './order.js';
import { composePortNotExposed } from './port-not-exposed.js';
import { composePortsQuoted } from './ports-quoted.js';
import { composePrivileged } from './privileged.js';
import { composeProdUsesImage } from './prod-uses-image.js';
import { composeProjectName } from './project-name.js';
import { composeRestartMissing } from './restart-missing.js';
import { composeSchema } from './schema.js';
import { composeSourceBindMount } from './source-bind-mount.js';
import { composeSwarmHostIp } from './swarm-host-ip.js';
import { composeSwarmIgnored } from './swarm-ignored.js';
import { composeUndefinedVariable } from './undefined-variable.js';
import { composeUnboundPort } from './unbound-port.js';
import { composeVersionObsolete } from './version-obsolete.js';

export const composeRules: ProjectRule[] = [
  composeSchema,
  composeProdUsesImage,
  composeSourceBindMount,
  composeUndefinedVariable,
  composeLiteralSecret,
  composeRestartMissing,
  composeSwarmIgnored,
  composeSwarmHostIp,
  composeImageTag,
  composePrivileged,
  composeDockerSocket,
  composeCapAddAll,
  composeHostNetwork,
  composeDbPortPublic,
  composeVersionObsolete,
  composeDuplicateContainerName,
  composeDuplicatePublishedPort,
  composeUnboundPort,
  composeBuildAndImage,
  composePortsQuoted,
  composeProjectName,
  composeContainerNameRegex,
  composeNoQuotesInVolumes,
  composeServicesOrder,
  composeServiceKeysOrder,
  composeDependsOnOrder,
  composePortsOrder,
  composeTopLevelOrder,
  composeBuildTargetMissing,
  composeDockerfileMissing,
  composePortNotExposed,
];
