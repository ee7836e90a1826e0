package com.cruddur.messaging.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.StarPrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The SNS topic every alarm notifies (ALARM and OK): an existing one given by ARN, or one the stack
 * creates, encrypted with its own KMS key, TLS-only, to which of all AWS services only the
 * CloudWatch alarms of this stack may publish (the account's own principals still need IAM
 * permissions of their own). Ops subscribe their e-mail, chat or pager to it (infra/README-ops.md).
 */
final class AlarmTopic extends Construct {

    private final ITopic topic;

    AlarmTopic(Construct scope, String id, Optional<String> existingTopicArn) {
        super(scope, id);
        topic = existingTopicArn.<ITopic>map(arn -> Topic.fromTopicArn(this, "Existing", arn)).orElseGet(this::newTopic);
    }

    ITopic topic() {
        return topic;
    }

    private Topic newTopic() {
        // A customer managed key, not the AWS managed aws/sns: CloudWatch publishes to an encrypted topic only
        // if the key's policy lets cloudwatch.amazonaws.com use it, and an AWS managed key's policy cannot be
        // changed (SNS developer guide, "Enable compatibility between event sources from AWS services and
        // encrypted topics"). The notifications name an alarm and its state, nothing more.
        Key key = Key.Builder.create(this, "Key")
                .description("Encrypts the Cruddur messaging alarm topic; CloudWatch alarms may use it")
                .enableKeyRotation(true)
                // It protects notifications in transit through the topic only: it goes with the topic.
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsEncryptNotifications")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        // AWS Control Tower CT.KMS.PR.3: grants of this key only for AWS resources or by AWS services.
        Map<String, Object> notForAws = new LinkedHashMap<>();
        notForAws.put("kms:GrantIsForAWSResource", "false");
        notForAws.put("aws:PrincipalIsAWSService", "false");
        Map<String, Object> boolIfExists = new LinkedHashMap<>();
        boolIfExists.put("BoolIfExists", notForAws);
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("GrantsOnlyForAwsServices")
                .effect(Effect.DENY)
                .principals(List.of(new StarPrincipal()))
                .actions(List.of("kms:CreateGrant"))
                .resources(List.of("*"))
                .conditions(boolIfExists)
                .build());

        Topic created = Topic.Builder.create(this, "Topic")
                .displayName("Cruddur messaging alarms")
                .masterKey(key)
                // A policy statement that denies publishing and subscribing without TLS (aws:SecureTransport).
                .enforceSsl(true)
                .build();
        // A topic with a policy of its own no longer has the default one, so CloudWatch needs an explicit
        // grant: to alarms of this stack in this account only, with aws:SourceArn and aws:SourceAccount
        // (SNS developer guide, "Cross-service confused deputy prevention").
        Map<String, Object> ofThisStack = new LinkedHashMap<>();
        ofThisStack.put("ArnLike", Map.of("aws:SourceArn", alarmArnPattern()));
        ofThisStack.put("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID));
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsOfThisStackPublish")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(created.getTopicArn()))
                .conditions(ofThisStack)
                .build());
        return created;
    }

    /** {@code arn:PARTITION:cloudwatch:REGION:ACCOUNT:alarm:STACK-*}: the alarms of {@link StreamAlarms}. */
    private String alarmArnPattern() {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("cloudwatch")
                .resource("alarm")
                .resourceName(StreamAlarms.alarmNamePrefix(this) + "*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }
}
