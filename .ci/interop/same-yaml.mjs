// Reads an OpenAPI document's JSON and its YAML twin with the yaml package
// (a YAML 1.2 parser of another language than b24gen's own) and fails
// unless both say the same thing.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import YAML from "yaml";

const [jsonFile, yamlFile] = process.argv.slice(2);
const fromJSON = JSON.parse(readFileSync(jsonFile, "utf8"));
const fromYAML = YAML.parse(readFileSync(yamlFile, "utf8"), { strict: true, uniqueKeys: true, maxAliasCount: -1 });
if (!isDeepStrictEqual(fromJSON, fromYAML)) {
	console.error(`${yamlFile} does not say what ${jsonFile} says`);
	process.exit(1);
}
console.log(`${yamlFile}: the same document as ${jsonFile}`);
