package com.cruddur.messaging.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Accepted findings of the policy checks, each with its reason, written into the template next to
 * the resource it concerns.
 *
 * <ul>
 *   <li>cdk-nag: its own {@code Metadata.cdk_nag.rules_to_suppress}, through {@link NagSuppressions};</li>
 *   <li>cfn-guard (the AWS Control Tower proactive controls): {@code Metadata.guard.SuppressedRules},
 *       the convention of the AWS Guard Rules Registry, with each reason under
 *       {@code Metadata.guard.Reasons}. The Control Tower rules do not read it themselves; the
 *       infra tests accept a finding only if its resource names its rule there.</li>
 * </ul>
 */
final class Suppressions {

    static final String GUARD = "guard";
    static final String GUARD_RULES = "SuppressedRules";
    static final String GUARD_REASONS = "Reasons";

    private Suppressions() {
    }

    /** A cdk-nag suppression of rule {@code id} on a resource; {@code appliesTo} narrows it to findings. */
    static void nag(IConstruct construct, String id, String reason, String... appliesTo) {
        NagSuppressions.addResourceSuppressions(construct, List.of(nagSuppression(id, reason, appliesTo)), false);
    }

    /** {@link #nag}, on a construct's every resource (a construct of several, such as a custom resource). */
    static void nagWithChildren(IConstruct construct, String id, String reason, String... appliesTo) {
        NagSuppressions.addResourceSuppressions(construct, List.of(nagSuppression(id, reason, appliesTo)), true);
    }

    private static NagPackSuppression nagSuppression(String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            suppression.appliesTo(List.of((Object[]) appliesTo));
        }
        return suppression.build();
    }

    /**
     * A cfn-guard suppression of the rule {@code rule} (its name in the rule file, e.g.
     * {@code cloudwatch_log_group_encrypted_check}) on a construct's CloudFormation resource.
     */
    @SuppressWarnings("unchecked")
    static void guard(IConstruct construct, String rule, String reason) {
        CfnResource resource = construct instanceof CfnResource cfn ? cfn : (CfnResource) construct.getNode().getDefaultChild();
        Object existing = resource.getMetadata(GUARD);
        Map<String, Object> guard = new LinkedHashMap<>();
        List<String> rules = new ArrayList<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        if (existing instanceof Map<?, ?> map) {
            rules.addAll((List<String>) map.get(GUARD_RULES));
            reasons.putAll((Map<String, String>) map.get(GUARD_REASONS));
        }
        rules.add(rule);
        reasons.put(rule, reason);
        guard.put(GUARD_RULES, rules);
        guard.put(GUARD_REASONS, reasons);
        resource.addMetadata(GUARD, guard);
    }
}
