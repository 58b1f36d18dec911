// check.mjs DOC API_C - validates the OpenAPI document DOC (YAML) with
// @seriousme/openapi-schema-validator against the OpenAPI 3.1 schema, then
// checks that every route in the API's table (the C source API_C) is in
// the document with its method, and every operation in the document is in
// the table. Prints what is wrong and exits 1, or prints a summary.
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import YAML from "yaml";

const [docPath, srcPath] = process.argv.slice(2);
const text = readFileSync(docPath, "utf8");
const doc = YAML.parse(text);
const problems = [];

const validator = new Validator();
const res = await validator.validate(doc);
if (validator.version !== "3.1")
	problems.push(`the document is OpenAPI ${validator.version}, not 3.1`);
if (!res.valid)
	problems.push(`not a valid OpenAPI document: ${JSON.stringify(res.errors, null, 1)}`);

// the table: {"GET", "/api/v1/...", handler, writes},
const table = [...readFileSync(srcPath, "utf8").matchAll(/^\s*\{"(GET|POST|PUT|PATCH|DELETE)", "(\/api\/v1\/[^"]*)"/gm)]
	.map((m) => `${m[1]} ${m[2]}`);
if (table.length === 0)
	problems.push(`no routes found in ${srcPath}`);

const methods = ["get", "post", "put", "patch", "delete"];
const documented = [];
for (const [path, raw] of Object.entries(doc.paths ?? {})) {
	let item = raw;
	if (item.$ref) {
		const name = item.$ref.replace("#/components/pathItems/", "");
		item = doc.components?.pathItems?.[name];
		if (!item) {
			problems.push(`${path}: $ref ${raw.$ref} leads nowhere`);
			continue;
		}
	}
	for (const m of methods)
		if (item[m])
			documented.push(`${m.toUpperCase()} ${path}`);
}
for (const r of table)
	if (!documented.includes(r))
		problems.push(`${r}: in the route table, not in ${docPath}`);
for (const d of documented)
	if (!table.includes(d))
		problems.push(`${d}: in ${docPath}, not in the route table`);

if (problems.length) {
	for (const p of problems)
		console.log(p);
	process.exit(1);
}
console.log(`valid OpenAPI ${validator.version}; ${table.length} routes, each documented`);
