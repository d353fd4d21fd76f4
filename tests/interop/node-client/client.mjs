#!/usr/bin/env node
// Cross-language interop client for ProcessorGateway.
//
// Built from protos/processorgateway/v1/*.proto alone (loaded at run time with
// @grpc/proto-loader): no generated C# code, nothing else from the repository.
// Over plaintext HTTP/2 it creates a tenant with the "students" template, puts
// a student, reads it back, finds it by full_name (a personal_searchable
// field), and prints one JSON line with the result.
//
// Usage: node client.mjs <grpc-address, e.g. http://127.0.0.1:5080> <tenant-id>
// Exit status: 0 when every step worked and every value round-tripped, 1 otherwise
// (the error goes to stderr).
//
// Calls are unauthenticated for now; when the gateway requires tokens, this
// client must send them.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// tests/interop/node-client -> repository root -> protos/
const PROTO_ROOT = path.resolve(HERE, '..', '..', '..', 'protos');
const PROTO_FILES = ['tenants.proto', 'schemas.proto', 'records.proto', 'values.proto'].map(
    (f) => `processorgateway/v1/${f}`,
);

// One call must not hang the run; the whole run is bounded too, so a gateway
// that accepts the connection but never answers still ends in exit 1.
const CALL_DEADLINE_MS = 15_000;
const RUN_DEADLINE_MS = 50_000;

const PURPOSE = 'administration';
const COLLECTION = 'students';
const RECORD_ID = 'stu-interop-1';
const SUBJECT_ID = 'subj-interop-1';
// Distinctive values, so the C# test can search the stored bytes for them.
// NodeClientInteropTests.cs holds the same values: change both together.
const STUDENT = {
    full_name: 'Zofia Nakamura-Okafor',
    email: 'zofia.nakamura@interop.example',
    date_of_birth: new Date(Date.UTC(2011, 8, 23)), // 2011-09-23T00:00:00Z
    grade_level: '8',
};

function fail(message) {
    process.stderr.write(`interop client: ERROR: ${message}\n`);
    process.exit(1);
}

function describeError(err) {
    if (err && typeof err.code === 'number') {
        const name = Object.keys(grpc.status).find((k) => grpc.status[k] === err.code) ?? 'UNKNOWN';
        return `gRPC status ${err.code} (${name}): ${err.details ?? err.message}`;
    }
    // A bug in this client shows its stack; a failed check or call, its message.
    if (err instanceof TypeError || err instanceof ReferenceError) {
        return err.stack;
    }
    return err instanceof Error ? err.message : String(err);
}

// Accepts http://host:port[/], or host:port. https is refused: this client
// speaks plaintext only (grpc.credentials.createInsecure()).
function grpcTarget(address) {
    if (!address.includes('://')) {
        return address;
    }
    const url = new URL(address);
    if (url.protocol !== 'http:') {
        fail(`address ${address}: only http:// (plaintext HTTP/2) is supported`);
    }
    if (!url.port) {
        fail(`address ${address} has no port`);
    }
    return url.host;
}

function loadServices() {
    const definition = protoLoader.loadSync(PROTO_FILES, {
        keepCase: true,
        longs: String,
        enums: String,
        defaults: true,
        oneofs: true,
        // The repository's protos/ directory. google/protobuf/timestamp.proto and
        // field_mask.proto need no directory: protobufjs bundles those well-known
        // types and resolves their imports before consulting includeDirs.
        includeDirs: [PROTO_ROOT],
    });
    for (const wellKnown of ['google.protobuf.Timestamp', 'google.protobuf.FieldMask']) {
        if (!definition[wellKnown]) {
            fail(`${wellKnown} did not resolve while loading ${PROTO_ROOT}`);
        }
    }
    const pkg = grpc.loadPackageDefinition(definition).processorgateway.v1;
    return { TenantService: pkg.TenantService, RecordService: pkg.RecordService };
}

// Promisified unary call with a deadline; the error names the method.
function call(client, method, request) {
    return new Promise((resolve, reject) => {
        const deadline = new Date(Date.now() + CALL_DEADLINE_MS);
        client[method](request, { deadline }, (err, response) => {
            if (err) {
                reject(new Error(`${method} failed: ${describeError(err)}`));
            } else {
                resolve(response);
            }
        });
    });
}

function toTimestamp(date) {
    const ms = date.getTime();
    return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
}

function fromTimestamp(ts) {
    return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1_000_000));
}

// A protobuf Value (oneofs: true gives the set member's name in `kind`) as a
// plain JSON value; a masked or unexpected kind is an error here, since the
// administration purpose may read every field this client writes.
function plainValue(field, value) {
    if (!value) {
        throw new Error(`field ${field} is missing from the reply`);
    }
    switch (value.kind) {
        case 'string_value':
            return value.string_value;
        case 'timestamp_value':
            return fromTimestamp(value.timestamp_value).toISOString();
        case 'masked':
            throw new Error(`field ${field} came back masked: ${value.masked.reason}`);
        default:
            throw new Error(`field ${field} came back as ${value.kind ?? 'nothing'}`);
    }
}

function expectedFields() {
    return {
        full_name: STUDENT.full_name,
        email: STUDENT.email,
        date_of_birth: STUDENT.date_of_birth.toISOString(),
        grade_level: STUDENT.grade_level,
    };
}

function checkRecord(step, record, version) {
    const problems = [];
    if (record.tenant_id !== tenantId) problems.push(`tenant_id ${record.tenant_id}`);
    if (record.collection !== COLLECTION) problems.push(`collection ${record.collection}`);
    if (record.record_id !== RECORD_ID) problems.push(`record_id ${record.record_id}`);
    if (record.subject_id !== SUBJECT_ID) problems.push(`subject_id ${record.subject_id}`);
    if (record.version !== version) problems.push(`version ${record.version}, expected ${version}`);
    const fields = {};
    for (const [name, expected] of Object.entries(expectedFields())) {
        fields[name] = plainValue(name, record.fields[name]);
        if (fields[name] !== expected) {
            problems.push(`${name} is ${JSON.stringify(fields[name])}, expected ${JSON.stringify(expected)}`);
        }
    }
    if (problems.length > 0) {
        throw new Error(`${step} returned a different record: ${problems.join('; ')}`);
    }
    return fields;
}

const [address, tenantId] = process.argv.slice(2);
if (!address || !tenantId || process.argv.length > 4) {
    process.stderr.write('usage: node client.mjs <grpc-address, e.g. http://127.0.0.1:5080> <tenant-id>\n');
    process.exit(1);
}

setTimeout(() => fail(`no result within ${RUN_DEADLINE_MS} ms`), RUN_DEADLINE_MS).unref();

async function main() {
    const { TenantService, RecordService } = loadServices();
    const target = grpcTarget(address);
    const credentials = grpc.credentials.createInsecure();
    const tenants = new TenantService(target, credentials);
    const records = new RecordService(target, credentials);
    try {
        // (a) Tenant with the students template.
        const tenant = await call(tenants, 'CreateTenant', {
            tenant_id: tenantId,
            display_name: 'Interop School (Node.js client)',
            templates: [COLLECTION],
        });
        if (tenant.tenant_id !== tenantId || !tenant.collections.includes(COLLECTION)) {
            throw new Error(`CreateTenant returned ${JSON.stringify(tenant)}`);
        }

        // (b) Create the student (expected_version 0).
        const written = await call(records, 'PutRecord', {
            tenant_id: tenantId,
            collection: COLLECTION,
            record_id: RECORD_ID,
            subject_id: SUBJECT_ID,
            purpose: PURPOSE,
            expected_version: '0',
            fields: {
                full_name: { string_value: STUDENT.full_name },
                email: { string_value: STUDENT.email },
                date_of_birth: { timestamp_value: toTimestamp(STUDENT.date_of_birth) },
                grade_level: { string_value: STUDENT.grade_level },
            },
        });
        if (written.record_id !== RECORD_ID || written.version === '0') {
            throw new Error(`PutRecord returned ${JSON.stringify(written)}`);
        }

        // (c) Read it back.
        const read = await call(records, 'GetRecord', {
            tenant_id: tenantId,
            collection: COLLECTION,
            record_id: RECORD_ID,
            purpose: PURPOSE,
        });
        const fields = checkRecord('GetRecord', read, written.version);

        // (d) Find it by full_name, a personal_searchable field (blind index).
        const found = await call(records, 'QueryRecords', {
            tenant_id: tenantId,
            collection: COLLECTION,
            filters: [{ field: 'full_name', equals: { string_value: STUDENT.full_name } }],
            page_size: 10,
            purpose: PURPOSE,
        });
        const match = found.records.find((r) => r.record_id === RECORD_ID);
        if (!match) {
            throw new Error(`QueryRecords by full_name found ${found.records.length} record(s), not ${RECORD_ID}`);
        }
        checkRecord('QueryRecords', match, written.version);

        // (e) One JSON line. version is a string, as in protobuf's JSON mapping of int64.
        process.stdout.write(
            `${JSON.stringify({
                tenant_id: tenantId,
                record_id: written.record_id,
                version: written.version,
                fields,
                query_matches: found.records.length,
            })}\n`,
        );
    } finally {
        tenants.close();
        records.close();
    }
}

main().then(
    () => {
        process.exitCode = 0;
    },
    (err) => fail(describeError(err)),
);
