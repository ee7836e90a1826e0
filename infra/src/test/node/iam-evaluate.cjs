// Evaluates IAM requests with @cloud-copilot/iam-simulate (a test-time tool, AGPL, never shipped).
//
//   node iam-evaluate.cjs INPUT.json OUTPUT.json
//
// INPUT: { policySets: { NAME: { identityPolicies: [{name, policy}], endpointPolicies: [{name, policy}] } },
//          requests: [{id, policySet, principal, action, resource, accountId, context, throughEndpoint,
//                      resourcePolicy?}] }
// A request may carry the resource's own policy (a topic policy, a key policy); a service principal
// (cloudwatch.amazonaws.com) has no identity policies: give it a policy set with none.
// OUTPUT: [{id, result, errors?}], in request order; result is the simulator's overall result
// (Allowed, ImplicitlyDenied, ExplicitlyDenied) or "Error" when the simulation was refused as invalid.
// Every request is evaluated in this one process.
'use strict';
const fs = require('node:fs');
const { runSimulation } = require('@cloud-copilot/iam-simulate');

async function main() {
  const [inputFile, outputFile] = process.argv.slice(2);
  const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
  const results = [];
  for (const request of input.requests) {
    const policies = input.policySets[request.policySet];
    const simulation = {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.accountId },
        contextVariables: request.context,
      },
      identityPolicies: policies.identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
      // A request through the VPC endpoint is also evaluated against the endpoint's policy.
      vpcEndpointPolicies: request.throughEndpoint ? policies.endpointPolicies : undefined,
    };
    const response = await runSimulation(simulation, {});
    if (response.resultType === 'error') {
      results.push({ id: request.id, result: 'Error', errors: response.errors });
    } else {
      results.push({ id: request.id, result: response.overallResult });
    }
  }
  fs.writeFileSync(outputFile, JSON.stringify(results, null, 1));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
