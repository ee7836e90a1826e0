// Validates every resource of CloudFormation templates against the resource specification of
// @aws-cdk/aws-service-spec (a database built from the CloudFormation registry schemas: each
// resource type's properties, their types, which are required, allowed values), turned into JSON
// Schemas and checked with ajv. Any value may be an intrinsic function instead ({"Ref": ...},
// {"Fn::GetAtt": ...}, ...): CloudFormation resolves those at deploy time.
//
//   node cfn-validate.cjs INPUT.json OUTPUT.json
//
// INPUT: { templates: { NAME: TEMPLATE } }
// OUTPUT: { NAME: { resources: N, errors: [{ logicalId, type, error }] } }
'use strict';
const fs = require('node:fs');
const Ajv = require('ajv');
const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');

const INTRINSIC_FUNCTIONS = ['Ref', 'Fn::GetAtt', 'Fn::Join', 'Fn::Sub', 'Fn::Select', 'Fn::Split', 'Fn::If',
  'Fn::ImportValue', 'Fn::FindInMap', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Length', 'Fn::ToJsonString',
  'Fn::Transform'];
const INTRINSIC = {
  type: 'object', minProperties: 1, maxProperties: 1, propertyNames: { enum: INTRINSIC_FUNCTIONS },
};
const TAG = {
  type: 'object', additionalProperties: false, required: ['Key', 'Value'],
  properties: { Key: orIntrinsic({ type: 'string' }), Value: orIntrinsic({ type: 'string' }) },
};

function orIntrinsic(schema) {
  return { anyOf: [schema, INTRINSIC] };
}

/** The JSON Schema of one resource type, with its property types as definitions. */
function resourceSchema(db, resource) {
  const definitions = {};

  function typeSchema(type) {
    switch (type.type) {
      case 'string': return type.allowedValues ? { type: 'string', enum: type.allowedValues } : { type: 'string' };
      case 'date-time': return { type: 'string' };
      case 'number': return { type: 'number' };
      case 'integer': return type.allowedValues ? { type: 'integer', enum: type.allowedValues } : { type: 'integer' };
      case 'boolean': return { type: 'boolean' };
      case 'json': return { type: ['object', 'array'] };
      case 'null': return { type: 'null' };
      case 'tag': return TAG;
      case 'array': return { type: 'array', items: orIntrinsic(typeSchema(type.element)) };
      case 'map': return { type: 'object', additionalProperties: orIntrinsic(typeSchema(type.element)) };
      case 'union': return { anyOf: type.types.map(typeSchema) };
      case 'ref': {
        const id = type.reference.$ref;
        const name = 'T' + id;
        if (!definitions[name]) {
          definitions[name] = {}; // placeholder: a type may refer to itself
          definitions[name] = objectSchema(db.get('typeDefinition', id).properties);
        }
        return { $ref: '#/definitions/' + name };
      }
      default: throw new Error('unknown property type ' + JSON.stringify(type));
    }
  }

  function objectSchema(properties) {
    const schema = { type: 'object', additionalProperties: false, properties: {}, required: [] };
    for (const [name, property] of Object.entries(properties)) {
      schema.properties[name] = orIntrinsic(typeSchema(property.type));
      if (property.required) schema.required.push(name);
    }
    return schema;
  }

  const properties = objectSchema(resource.properties);
  return {
    definitions,
    type: 'object',
    additionalProperties: false,
    required: properties.required.length > 0 ? ['Type', 'Properties'] : ['Type'],
    properties: {
      Type: { const: resource.cloudFormationType },
      Properties: properties,
      DependsOn: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      Metadata: { type: 'object' },
      Condition: { type: 'string' },
      DeletionPolicy: { enum: ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'] },
      UpdateReplacePolicy: { enum: ['Delete', 'Retain', 'Snapshot'] },
      UpdatePolicy: { type: 'object' },
      CreationPolicy: { type: 'object' },
    },
  };
}

/** A custom resource: any properties, but CloudFormation needs the ServiceToken of its provider. */
const CUSTOM_RESOURCE = {
  type: 'object',
  required: ['Type', 'Properties'],
  properties: {
    Properties: { type: 'object', required: ['ServiceToken'] },
  },
};

function describe(error) {
  const where = error.instancePath || '/';
  const detail = error.params && error.params.additionalProperty !== undefined
    ? ` (${error.params.additionalProperty})`
    : error.params && error.params.allowedValues ? ` (${error.params.allowedValues.join(', ')})` : '';
  return `${where} ${error.message}${detail}`;
}

function main() {
  const [inputFile, outputFile] = process.argv.slice(2);
  const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
  const db = loadAwsServiceSpecSync();
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map();
  const output = {};
  for (const [name, template] of Object.entries(input.templates)) {
    const errors = [];
    const resources = Object.entries(template.Resources || {});
    for (const [logicalId, resource] of resources) {
      const type = resource.Type;
      if (!validators.has(type)) {
        if (typeof type === 'string' && (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')) {
          validators.set(type, ajv.compile(CUSTOM_RESOURCE));
        } else {
          const found = db.lookup('resource', 'cloudFormationType', 'equals', type);
          validators.set(type, found.length === 1 ? ajv.compile(resourceSchema(db, found[0])) : null);
        }
      }
      const validate = validators.get(type);
      if (!validate) {
        errors.push({ logicalId, type, error: `unknown resource type ${type}` });
      } else if (!validate(resource)) {
        // An intrinsic was allowed in place of each value: keep the errors of the value's own schema.
        const seen = new Set();
        for (const error of validate.errors) {
          const text = describe(error);
          if (!error.schemaPath.includes('/anyOf/1/') && error.keyword !== 'anyOf' && !seen.has(text)) {
            seen.add(text);
            errors.push({ logicalId, type, error: text });
          }
        }
      }
    }
    output[name] = { resources: resources.length, errors };
  }
  fs.writeFileSync(outputFile, JSON.stringify(output, null, 1));
}

main();
