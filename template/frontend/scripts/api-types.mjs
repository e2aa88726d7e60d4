/**
 * `npm run api-types` writes lib/api-types.ts, the TypeScript types of the
 * backend's API, from the OpenAPI document of `python -m app.openapi`;
 * `npm run api-types:check` only checks that the file is up to date.
 *
 * The backend's Python is BACKEND_PYTHON, by default the virtualenv of
 * `make install` (../backend/.venv/bin/python). Only the schemas are kept,
 * without their comments: the file holds shapes, one declaration a line.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import * as prettier from "prettier";

const TARGET = "lib/api-types.ts";
const HEADER = `/**
 * The backend's API types, written by \`make api-types\` from its OpenAPI
 * document: do not edit. lib/types.ts names the ones the app uses.
 */

`;

function backendDocument() {
  const configured =
    process.env.BACKEND_PYTHON ?? "../backend/.venv/bin/python";
  // A path is taken from here; a bare command name is looked up in PATH.
  const python = configured.includes("/")
    ? path.resolve(configured)
    : configured;
  const output = execFileSync(python, ["-m", "app.openapi"], {
    cwd: "../backend",
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(output);
}

function withoutComments(source) {
  return source.replace(/^\s*\/\*\*[\s\S]*?\*\/\n/gm, "");
}

async function apiTypes() {
  const document = backendDocument();
  const schemasOnly = {
    openapi: document.openapi,
    info: { title: "API", version: "0" },
    paths: {},
    components: { schemas: document.components.schemas },
  };
  const source = withoutComments(astToString(await openapiTS(schemasOnly)));
  const options = await prettier.resolveConfig(TARGET);
  return prettier.format(HEADER + source, { ...options, filepath: TARGET });
}

const types = await apiTypes();
if (process.argv.includes("--check")) {
  const current = existsSync(TARGET) ? readFileSync(TARGET, "utf8") : "";
  if (current !== types) {
    console.error(
      `${TARGET} is out of date with the backend's API: run make api-types`,
    );
    process.exit(1);
  }
} else {
  writeFileSync(TARGET, types);
}
