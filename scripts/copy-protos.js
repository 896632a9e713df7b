// `npm run build`: tsc emits no .proto files; the Terraform face reads its own from dist/terraform/proto/.
const fs = require("node:fs");
const path = require("node:path");

const from = path.join(__dirname, "..", "provider", "terraform", "proto");
const to = path.join(__dirname, "..", "dist", "terraform", "proto");
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from)) if (name.endsWith(".proto")) fs.copyFileSync(path.join(from, name), path.join(to, name));
