// answer.mjs DOC METHOD PATTERN STATUS BODY_FILE - checks an answer the API
// gave against the OpenAPI document: the operation (METHOD on the path
// PATTERN, e.g. /api/v1/partners/{id}) must list STATUS, and the JSON in
// BODY_FILE must match that response's schema (JSON Schema 2020-12, as
// OpenAPI 3.1 uses, checked by Ajv with formats). Exits 1 saying why not.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import YAML from "yaml";

const [docPath, method, pattern, status, bodyPath] = process.argv.slice(2);
const doc = YAML.parse(readFileSync(docPath, "utf8"));
const deref = (o) => {
	while (o && o.$ref) {
		const parts = o.$ref.replace(/^#\//, "").split("/");
		o = parts.reduce((x, k) => x?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
	}
	return o;
};
const fail = (msg) => {
	console.log(`${method} ${pattern} ${status}: ${msg}`);
	process.exit(1);
};
const item = deref(doc.paths?.[pattern]);
const op = item?.[method.toLowerCase()];
if (!op)
	fail("no such operation in the document");
const resp = deref(op.responses?.[status]);
if (!resp)
	fail(`the document lists no ${status} for it`);
const schema = resp.content?.["application/json"]?.schema;
const text = readFileSync(bodyPath, "utf8");
if (!schema) {
	if (text.length)
		fail("the document gives no body, the answer has one");
	process.exit(0);
}
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// the whole document as one schema resource, so "#/components/..." resolves
ajv.addSchema({ ...doc, $id: "https://rapport.invalid/openapi" });
const validate = ajv.compile({ $ref: "https://rapport.invalid/openapi" + "#" + pointerTo(schema) });
if (!validate(JSON.parse(text)))
	fail(JSON.stringify(validate.errors));

// The JSON pointer of the schema object inside the document.
function pointerTo(target) {
	const seen = new Set();
	const walk = (o, path) => {
		if (o === target)
			return path;
		if (!o || typeof o !== "object" || seen.has(o))
			return null;
		seen.add(o);
		for (const [k, v] of Object.entries(o)) {
			const p = walk(v, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
			if (p !== null)
				return p;
		}
		return null;
	};
	const p = walk(doc, "");
	if (p === null)
		fail("schema not found in the document");
	return p;
}
