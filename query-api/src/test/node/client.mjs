// Confluent's official Node.js schema registry client against the engine's /registry, driven by
// RegistryNodeClientIT: registers a schema, reads it back, checks compatibility and serializes a record
// that the Java test then decodes with the engine's own deserializer. Prints one JSON line for the test.
import {
  AvroSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';

const url = process.env.REGISTRY_URL;
const token = process.env.REGISTRY_TOKEN;
const subject = process.env.SUBJECT;
const topic = process.env.TOPIC;
const producerSchema = process.env.PRODUCER_SCHEMA;
const newerSchema = process.env.NEWER_SCHEMA;
const incompatibleSchema = process.env.INCOMPATIBLE_SCHEMA;

function fail(message) {
  throw new Error(message);
}

async function main() {
  const client = new SchemaRegistryClient({
    baseURLs: [url],
    // The engine takes the same bearer token as the rest of its API; logicalCluster is required by the client.
    bearerAuthCredentials: { credentialsSource: 'STATIC_TOKEN', token, logicalCluster: 'trading-engine' },
    maxRetries: 0,
  });

  const id = await client.register(subject, { schemaType: 'AVRO', schema: producerSchema });
  const latest = await client.getLatestSchemaMetadata(subject);
  if (latest.id !== id || latest.version !== 1) {
    fail(`latest is ${JSON.stringify(latest)}, expected id ${id} version 1`);
  }
  const byId = await client.getBySubjectAndId(subject, id);
  if (JSON.parse(byId.schema).name !== JSON.parse(producerSchema).name) {
    fail(`schema ${id} read back as ${byId.schema}`);
  }
  const version = await client.getVersion(subject, { schemaType: 'AVRO', schema: producerSchema }, false);
  const newerCompatible = await client.testCompatibility(subject, 1, { schemaType: 'AVRO', schema: newerSchema });
  const incompatible = await client.testCompatibility(subject, 1,
    { schemaType: 'AVRO', schema: incompatibleSchema });
  const subjects = await client.getAllSubjects();

  const serializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: false, useLatestVersion: true });
  const payload = await serializer.serialize(topic, {
    market: 'BTC-USD',
    assetClass: 'CRYPTO',
    status: 'OPEN',
    outcome: null,
    updatedAt: 1767225600000,
  });

  process.stdout.write(JSON.stringify({
    id,
    version,
    subjects,
    newerCompatible,
    incompatibleCompatible: incompatible,
    payload: Buffer.from(payload).toString('base64'),
  }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`node client failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
