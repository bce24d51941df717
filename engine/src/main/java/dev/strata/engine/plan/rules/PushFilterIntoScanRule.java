package dev.strata.engine.plan.rules;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.plan.physical.ColumnarTableScan;
import dev.strata.engine.plan.physical.ScanSpec;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Copies the time range and label matchers a filter implies into the scan below it
 * ({@link ScanPushdown}). The filter stays: what the store returns is a superset.
 */
public final class PushFilterIntoScanRule extends RelRule<PushFilterIntoScanRule.Config> {
    public static final PushFilterIntoScanRule INSTANCE = new Config(
            RelFactories.LOGICAL_BUILDER,
            "PushFilterIntoScanRule",
            b0 -> b0.operand(Filter.class).oneInput(b1 -> b1.operand(ColumnarTableScan.class).noInputs()))
            .toRule();

    private PushFilterIntoScanRule(Config config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Filter filter = call.rel(0);
        ColumnarTableScan scan = call.rel(1);
        ScanSpec spec = ScanPushdown.derive(filter.getCondition(), scan);
        if (spec.equals(scan.spec())) {
            return;
        }
        call.transformTo(filter.copy(filter.getTraitSet(), scan.withSpec(spec), filter.getCondition()));
    }

    /** Rule configuration (a hand-written immutable value). */
    public record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier) implements RelRule.Config {
        public Config {
            requireNonNull(relBuilderFactory, "relBuilderFactory is null");
            requireNonNull(operandSupplier, "operandSupplier is null");
        }

        @Override
        public PushFilterIntoScanRule toRule() {
            return new PushFilterIntoScanRule(this);
        }

        @Override
        public Config withRelBuilderFactory(RelBuilderFactory factory) {
            return new Config(factory, description, operandSupplier);
        }

        @Override
        public Config withDescription(String newDescription) {
            return new Config(relBuilderFactory, newDescription, operandSupplier);
        }

        @Override
        public Config withOperandSupplier(OperandTransform transform) {
            return new Config(relBuilderFactory, description, transform);
        }
    }
}
