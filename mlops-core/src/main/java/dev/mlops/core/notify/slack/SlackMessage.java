package dev.mlops.core.notify.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.notify.PipelineOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Block Kit message for a run: a header, the facts as section fields (model, version, verdict, the primary
 * metric against production, the deployment), the failed step when there is one, and url buttons (pipeline, merge
 * request, report, endpoint, failed job). Every text is cut to Block Kit's limits, so that Slack never refuses it.
 */
public final class SlackMessage {

    /** Block Kit's limits (api.slack.com/reference/block-kit). */
    static final int HEADER_MAX = 150;
    static final int FIELD_MAX = 2000;
    static final int FIELDS_MAX = 10;
    static final int SECTION_TEXT_MAX = 3000;
    static final int BUTTON_TEXT_MAX = 75;
    static final int URL_MAX = 3000;
    static final int FALLBACK_MAX = 3000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackMessage() {}

    public static String render(PipelineOutcome outcome) {
        ObjectNode message = JSON.createObjectNode();
        String headline = (outcome.failed() ? "❌ " : "✅ ") + outcome.model() + outcome.version().map(v -> " " + v).orElse("")
                + ": pipeline " + (outcome.status().label());
        message.put("text", cut(headline + outcome.failedStep().map(s -> ", failed at " + s).orElse(""), FALLBACK_MAX));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(headline, HEADER_MAX)).put("emoji", true);
        outcome.failedStep().ifPresent(step -> blocks.addObject().put("type", "section").putObject("text")
                .put("type", "mrkdwn").put("text", cut("*Failed at:* " + escape(step)
                        + outcome.links().job().map(url -> " — see the failed job.").orElse(""), SECTION_TEXT_MAX)));
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        List<String> shown = fields(outcome);
        for (String field : shown.subList(0, Math.min(FIELDS_MAX, shown.size()))) {
            fields.addObject().put("type", "mrkdwn").put("text", cut(field, FIELD_MAX));
        }
        ArrayNode buttons = JSON.createArrayNode();
        PipelineOutcome.Links links = outcome.links();
        button(buttons, "Failed job", "job", links.job(), true);
        button(buttons, "Pipeline", "pipeline", links.pipeline(), false);
        button(buttons, "Merge request", "merge_request", links.mergeRequest(), false);
        button(buttons, "Evaluation report", "report", links.report(), false);
        button(buttons, "Endpoint", "endpoint", links.endpoint(), false);
        if (!buttons.isEmpty()) {
            blocks.addObject().put("type", "actions").set("elements", buttons);
        }
        return message.toString();
    }

    static List<String> fields(PipelineOutcome outcome) {
        List<String> fields = new ArrayList<>();
        fields.add("*Model*\n`" + escape(outcome.model()) + "`");
        fields.add("*Version*\n" + escape(outcome.version().orElse("–")));
        Optional<PipelineOutcome.Evaluation> evaluation = outcome.evaluation();
        fields.add("*Verdict*\n" + evaluation.map(e -> escape(e.verdict() + " (" + e.status() + ")")).orElse("not evaluated"));
        evaluation.ifPresent(e -> fields.add("*" + escape(e.primaryMetric()) + " vs production*\n" + escape(e.againstProduction())));
        fields.add("*Deployment*\n" + outcome.deployment().map(d -> "`" + escape(d.endpoint()) + "` serves "
                + escape(d.version())).orElse("not deployed"));
        return fields;
    }

    private static void button(ArrayNode buttons, String text, String id, Optional<String> url, boolean danger) {
        // a button without a valid url would make Slack refuse the whole message
        if (url.isEmpty() || url.get().length() > URL_MAX || !url.get().matches("(?i)https?://\\S+")) {
            return;
        }
        ObjectNode button = buttons.addObject().put("type", "button").put("action_id", id).put("url", url.get());
        button.putObject("text").put("type", "plain_text").put("text", cut(text, BUTTON_TEXT_MAX));
        if (danger) {
            button.put("style", "danger");
        }
    }

    // mrkdwn's control characters
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
