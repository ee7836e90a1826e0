package com.cruddur.messaging.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key policies the stack does not own, written from AWS's documentation so the IAM evaluator can
 * evaluate requests on those keys ({@link IamPolicyEvaluationIT}).
 */
final class KeyPolicies {

    private KeyPolicies() {
    }

    /** The AWS managed key aws/s3 of the test account (its id is AWS's; any stands in). */
    static final String AWS_S3_KEY = ResolvedTemplate.arn("kms", "key/0b5e8d4f-aaaa-4bbb-8ccc-0123456789ab");

    /**
     * The key policy AWS gives its managed key for S3 (AWS KMS developer guide, "AWS managed keys": a service's
     * AWS managed key may be used by the account's principals only through that service), written here to
     * evaluate the role's puts under SSE-KMS: it allows the account's principals the cryptographic operations
     * when S3 makes the request for them (kms:ViaService, kms:CallerAccount).
     */
    static JsonNode awsManagedS3Key() {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("kms:ViaService", "s3." + ResolvedTemplate.REGION + ".amazonaws.com");
        condition.put("kms:CallerAccount", ResolvedTemplate.ACCOUNT);
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "AllowThroughS3ForPrincipalsOfTheAccount");
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("AWS", "*"));
        statement.put("Action", List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"));
        statement.put("Resource", "*");
        statement.put("Condition", Map.of("StringEquals", condition));
        return NodeTools.JSON.valueToTree(Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
    }

    /**
     * A customer managed key's default key policy (AWS KMS developer guide, "Default key policy"): the account
     * lets its IAM policies decide who uses the key. What the role's own statement allows is then what counts.
     */
    static JsonNode defaultKey() {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "EnableIamUserPermissions");
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("AWS", "arn:aws:iam::" + ResolvedTemplate.ACCOUNT + ":root"));
        statement.put("Action", "kms:*");
        statement.put("Resource", "*");
        return NodeTools.JSON.valueToTree(Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
    }
}
