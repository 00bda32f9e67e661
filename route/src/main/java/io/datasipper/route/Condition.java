package io.datasipper.route;

/**
 * A test on one event: a {@link Comparison} of one field, a {@link ConditionGroup} that joins
 * conditions with AND or OR, or a {@link NotCondition}. Trees of them are made by
 * {@link RuleParser}, which checks them once, so evaluating them never fails.
 */
public sealed interface Condition permits Comparison, ConditionGroup, NotCondition {}
