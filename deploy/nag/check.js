// Runs cdk-nag's AwsSolutions rules over a template the C# app synthesized: node nag/check.js <template.json>.
// cdk-nag checks constructs, so the template is brought in whole with CfnInclude; what the stack means to do
// anyway is suppressed in suppressions.js, each rule with its reason. Prints every finding left, error or warning,
// and exits 1 if there is one.
'use strict';

const fs = require('fs');
const path = require('path');
const { App, Aspects, BootstraplessSynthesizer, Stack } = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks, NagSuppressions } = require('cdk-nag');
const suppressions = require('./suppressions');

const templateFile = process.argv[2];
if (!templateFile) {
  console.error('usage: node nag/check.js <template.json>');
  process.exit(2);
}

const app = new App({ outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'nag-')) });
// The template carries its own BootstrapVersion parameter and rule; the checking stack adds none.
const stack = new Stack(app, 'Checked', { synthesizer: new BootstraplessSynthesizer() });
const template = new CfnInclude(stack, 'Template', { templateFile });
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
const logicalIds = Object.keys(JSON.parse(fs.readFileSync(templateFile, 'utf8')).Resources);
for (const { resources, ...suppression } of suppressions) {
  for (const logicalId of logicalIds.filter((id) => resources.test(id))) {
    NagSuppressions.addResourceSuppressions(template.getResource(logicalId), [suppression]);
  }
}

const messages = app.synth().getStackArtifact(stack.artifactId).messages
  .filter((message) => message.level === 'error' || message.level === 'warning');
for (const message of messages) {
  console.log(`${message.level} ${message.id}: ${message.entry.data}`);
}
fs.rmSync(app.outdir, { recursive: true, force: true });
process.exit(messages.length === 0 ? 0 : 1);
