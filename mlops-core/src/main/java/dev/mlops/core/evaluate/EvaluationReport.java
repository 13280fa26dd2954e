package dev.mlops.core.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlops.core.domain.DataFingerprint;
import dev.mlops.core.domain.VersionStatus;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code mlops:evaluate} found ({@code target/mlops/evaluation.json}); the Markdown and
 * HTML reports are views of it.
 *
 * @param production production's version and stored metrics, or null when there is none
 * @param trend the primary metric of each version of the model, oldest first, this one included
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationReport(String model, String version, String evaluatedAt, long durationMillis, String store,
        String testChannel, DataFingerprint testData, EvaluationMetrics evaluation, String primaryMetric,
        MetricDirection direction, ProductionGate.Production production, GateDecision gate, boolean gateSkipped,
        VersionStatus status, List<TrendPoint> trend) {

    public Map<String, Double> metrics() {
        return evaluation.metrics();
    }

    /**
     * @param value the primary metric, or null when the version has none recorded
     * @param aliases the aliases pointing at the version
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrendPoint(String version, String createdAt, Double value, VersionStatus status,
            List<String> aliases, boolean candidate) {}
}
