// The first step of every npm script (package.json "scripts"): stops, in one line, a Node older
// than package.json's "engines" before `node --experimental-strip-types` is even parsed (Node 20
// answers that flag with "bad option", which does not say what to do; issue 31 part 5). Plain
// CommonJS, var and string concatenation: syntax that every Node since 8 parses.
"use strict";
var fs = require("fs");
var path = require("path");

var pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
var wanted = pkg.engines.node; // ">=MAJOR.MINOR[.PATCH]", the only form this project uses
var match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(wanted);
if (!match) {
  console.error('node-version: package.json "engines.node" is "' + wanted + '"; this check reads only ">=X.Y.Z"');
  process.exit(1);
}
var need = [Number(match[1]), Number(match[2] || 0), Number(match[3] || 0)];
var have = process.versions.node.split(".").map(Number);
var older = false;
for (var i = 0; i < 3; i++) {
  if (have[i] !== need[i]) {
    older = have[i] < need[i];
    break;
  }
}
if (older) {
  // npm names the script it runs; `npm test` and `npm start` are said without `run`.
  var event = process.env.npm_lifecycle_event;
  var command = !event ? "npm test" : event === "test" || event === "start" ? "npm " + event : "npm run " + event;
  console.error(
    "This is Node " +
      process.version +
      "; this project needs Node " +
      wanted +
      ". Run it through npm with Node 24 instead: npx -y -p node@24 -c '" +
      command +
      "'",
  );
  process.exit(1);
}
