import { expandPorts, isAllInterfaces, parsePort } from '../../parse/compose/ports.js';
import { get, items } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

export const DATABASE_PORTS = new Map<number, string>([
  [5432, 'PostgreSQL'], [3306, 'MySQL/MariaDB'], [6379, 'Redis'], [27017, 'MongoDB'], [27018, 'MongoDB'],
  [9200, 'Elasticsearch'], [9300, 'Elasticsearch'], [5984, 'CouchDB'], [11211, 'Memcached'], [1433, 'SQL Server'],
  [1521, 'Oracle'], [8086, 'InfluxDB'], [9042, 'Cassandra'], [7474, 'Neo4j'], [7687, 'Neo4j'], [26257, 'CockroachDB'],
  [8123, 'ClickHouse'], [5672, 'RabbitMQ'], [15672, 'RabbitMQ management'], [2379, 'etcd'], [6333, 'Qdrant'],
  [8529, 'ArangoDB'], [28015, 'RethinkDB'], [7000, 'Cassandra'], [9092, 'Kafka'], [2181, 'ZooKeeper'],
]);

export const composeDbPortPublic: ProjectRule = {
  meta: {
    id: 'compose-db-port-public',
    target: 'compose',
    category: 'security',
    severity: 'warning',
    aliases: [],
    title: "A database's port is published on all interfaces",
    description:
      "`ports: [\"5432:5432\"]` publishes the database on every interface of the host — and Docker's iptables rules bypass ufw/firewalld, so it is reachable from the internet. Services reach the database over the compose network by name without any `ports:`; if the host needs it, bind it to loopback: `\"127.0.0.1:5432:5432\"`.",
    bad: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
    good: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    fixable: false,
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        for (const v of items(get(s.value, 'ports'))) {
          const p = parsePort(v);
          if (!p || !isAllInterfaces(p.hostIp)) continue;
          const db = expandPorts(p.target).map((n) => DATABASE_PORTS.get(n)).find(Boolean);
          if (!db) continue;
          at(
            report,
            p.loc,
            `Service '${s.name}' publishes ${db} port ${p.target} on all interfaces: remove the mapping (services reach it by name) or bind it to 127.0.0.1`,
          );
        }
      }
    }
  },
};
