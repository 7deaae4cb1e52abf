import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { PoolConfig } from 'pg';
import { sqlStatements } from './sql-statements.js';

export type SchemaEngine = engineBindings.SchemaEngine;

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: unknown };
}

let wasmLoaded = false;
let lastPanic: string | null = null;

// The engine reports Rust panics through this global before it throws.
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    lastPanic = message;
  },
};

/** The message of the last panic of the schema engine, for error reports. */
export function lastSchemaEnginePanic(): string | null {
  return lastPanic;
}

// Node 20 cannot import .wasm as an ES module: instantiate Prisma's schema engine by hand, once per process.
function loadWasm(): void {
  if (wasmLoaded) return;
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
  // Node's WebAssembly global; the project's TypeScript lib has no DOM types for it.
  const wasm: WasmApi = Reflect.get(globalThis, 'WebAssembly');
  const instance = new wasm.Instance(new wasm.Module(readFileSync(wasmPath)), {
    './schema_engine_bg.js': engineBindings,
  });
  // The bindings' typings omit the hook that hands them the instance.
  const setWasm: (exports: unknown) => void = Reflect.get(engineBindings, '__wbg_set_wasm');
  setWasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  wasmLoaded = true;
}

/**
 * Discrete connection parameters from a URL. adapter-pg builds its shadow database config as
 * `{ ...config, database }`; with a `connectionString` the URL would win and the "shadow" work
 * would run on the main database, so the engine always gets separate fields.
 */
export function poolConfigFromUrl(url: string): PoolConfig {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
    max: 2,
  };
}

const charTypeId = 18;
const textTypeId = 25;
let describePatched = false;

/**
 * Makes adapter-pg 7.10 and the 7.10 schema engine able to describe a database, as `db:new` and
 * drift checks need:
 * - adapter-pg cannot deserialize PostgreSQL's internal `"char"` type (pg_catalog columns); its
 *   values arrive as strings anyway, so the column is reported as text;
 * - PostgreSQL 18 (and PGlite 0.5, which is 18) lists NOT NULL as constraints of type `n`, which the
 *   engine does not know and panics on; they are dropped, nullability is read from the columns.
 * Patched once on the shared query class; Sportello's own queries never meet either case.
 */
async function patchDescribeQueries(factory: PrismaPg): Promise<void> {
  if (describePatched) return;
  const adapter = await factory.connect();
  let prototype: object | null = Object.getPrototypeOf(adapter);
  while (prototype && !Object.prototype.hasOwnProperty.call(prototype, 'performIO')) {
    prototype = Object.getPrototypeOf(prototype);
  }
  await adapter.dispose();
  if (!prototype) throw new Error('adapter-pg layout changed: performIO not found');
  type Result = { fields: { name: string; dataTypeID: number }[]; rows: unknown[][] };
  const queryable = prototype as { performIO: (query: unknown) => Promise<Result> };
  const original = queryable.performIO;
  queryable.performIO = async function (this: unknown, query: unknown) {
    const result = await original.call(this, query);
    for (const field of result.fields) if (field.dataTypeID === charTypeId) field.dataTypeID = textTypeId;
    const constraintType = result.fields.findIndex((field) => field.name === 'constraint_type');
    if (constraintType >= 0) result.rows = result.rows.filter((row) => row[constraintType] !== 'n');
    return result;
  };
  describePatched = true;
}

/**
 * The engine never closes the pools it opens, and `migrate deploy` holds a session advisory lock:
 * a pool left open would make the next migration wait for the lock. Track and close them.
 */
class ClosingPrismaPg extends PrismaPg {
  private readonly opened: { dispose(): Promise<void> }[] = [];

  override async connect() {
    const adapter = withWholeStatements(await super.connect());
    this.opened.push(adapter);
    return adapter;
  }

  override async connectToShadowDb() {
    const adapter = withWholeStatements(await super.connectToShadowDb());
    this.opened.push(adapter);
    return adapter;
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.opened.splice(0).map((adapter) => adapter.dispose()));
  }
}

/**
 * A migration's script run statement by statement, each whole: a trigger function's body keeps
 * its semicolons (the register's triggers, issue 26).
 */
function withWholeStatements<Adapter extends SqlDriverAdapter>(adapter: Adapter): Adapter {
  adapter.executeScript = async (script: string) => {
    for (const sql of sqlStatements(script)) await adapter.executeRaw({ sql, args: [], argTypes: [] });
  };
  return adapter;
}

/** Runs `work` with a schema engine connected to `databaseUrl`, then frees it. */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  schema: { path: string; content: string },
  work: (engine: SchemaEngine) => Promise<T>,
  log: (message: string) => void = () => {},
): Promise<T> {
  loadWasm();
  const factory = new ClosingPrismaPg(poolConfigFromUrl(databaseUrl));
  await patchDescribeQueries(factory);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    adapter,
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await factory.closeAll();
  }
}
