// make interop compiles this with tsc --strict against the types
// openapi-typescript makes of generated/openapi.json, and fetch_test.go
// runs it against the generated fake portal: openapi-fetch calls a method
// and reads the answer as its types say, and an error code the docs do
// not list comes back as the error answer it is; a method whose answer
// carries nothing answers its empty result.
import createClient from "openapi-fetch";
import type { paths } from "./api.js";

// Node's own; its types are not installed
declare const process: { argv: string[] };

const client = createClient<paths>({ baseUrl: process.argv[2] });

const got = await client.POST("/fixture.nested.get", { body: { id: 42 } });
if (got.error !== undefined || got.data === undefined) {
  throw new Error(`fixture.nested.get: ${got.response.status} ${JSON.stringify(got.error)}`);
}
// the portal sends numbers as text; the types say either
const id: number | string | undefined = got.data.result.ID;
const title: string | null | undefined = got.data.result.TITLE;
// a text, or texts by language
const label = got.data.result.LABEL;
const english: string | undefined = typeof label === "object" ? label.en : label;

const del = await client.POST("/biconnector.source.delete", { body: { id: 7 } });
if (del.error === undefined) {
  throw new Error(`biconnector.source.delete: no error: ${del.response.status}`);
}
const code: string = del.error.error;

// a method that answers with a file: its bytes, not JSON
const file = await client.POST("/fixture.file.download", { body: { fields: { fileId: 7 } }, parseAs: "text" });
if (file.error !== undefined || file.data === undefined) {
  throw new Error(`fixture.file.download: ${file.response.status} ${JSON.stringify(file.error)}`);
}
const fileText: string = file.data;
const fileType = file.response.headers.get("content-type");

// a method whose answer carries nothing: its result as the page shows it
const pin = await client.POST("/fixture.note.pin", { body: { id: 7 } });
if (pin.error !== undefined || pin.data === undefined) {
  throw new Error(`fixture.note.pin: ${pin.response.status} ${JSON.stringify(pin.error)}`);
}
const pinned: unknown = pin.data.result;

console.log(JSON.stringify({ id, title, english, status: del.response.status, code, fileText, fileType, pinned }));
