package dev.mlops.core.notify.slack;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Text;
import dev.mlops.core.notify.NotificationChannel;
import dev.mlops.core.notify.NotificationException;
import dev.mlops.core.notify.PipelineOutcome;
import dev.mlops.core.notify.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Slack, through an incoming webhook: one Block Kit message ({@link SlackMessage}) per run. A 429 is retried after
 * its {@code Retry-After}, within {@link Settings#maxWait()}; Slack's refusals (400, 403, 404, 410) say what to fix.
 * The webhook URL is a secret: it appears in no message, only where it came from does.
 */
public final class SlackWebhook implements NotificationChannel {

    /** The masked CI variable that holds the webhook URL. */
    public static final String VARIABLE = "MLOPS_SLACK_WEBHOOK_URL";

    private static final Pattern LOOPBACK = Pattern.compile("localhost|127(\\.\\d{1,3}){3}|\\[::1]");
    private static final int MAX_BODY_SHOWN = 120;

    /** Waits between attempts; the plugin sleeps, tests record. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /**
     * @param timeout for connecting and for each answer
     * @param attempts how many times a rate-limited or failing (5xx) message is sent at most
     * @param maxWait the longest {@code Retry-After} this goal waits; a longer one is a failure
     */
    public record Settings(Duration timeout, int attempts, Duration maxWait) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
    }

    private final Secret webhook;
    private final URI uri;
    private final Settings settings;
    private final Pause pause;
    private final HttpClient client;

    private SlackWebhook(Secret webhook, URI uri, Settings settings, Pause pause) {
        this.webhook = webhook;
        this.uri = uri;
        this.settings = settings;
        this.pause = pause;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @throws ConfigurationException when the URL is not an https URL (http only to a loopback address, for tests);
     *         the message names where it came from, its scheme and host, never the URL
     */
    public static SlackWebhook of(Secret webhook, Settings settings, Pause pause) {
        URI uri;
        try {
            uri = new URI(webhook.value());
        } catch (URISyntaxException e) {
            throw new ConfigurationException(Text.of("The Slack webhook URL in ", webhook.source(),
                    " is not a URL. Copy the whole https://hooks.slack.com/services/… address from the Slack app's"
                            + " Incoming Webhooks page."));
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        String host = Optional.ofNullable(uri.getHost()).orElse("");
        boolean loopback = LOOPBACK.matcher(host.toLowerCase(Locale.ROOT)).matches();
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
            throw new ConfigurationException(Text.of("The Slack webhook URL in ", webhook.source(), " is "
                    + (scheme.isEmpty() ? "not absolute" : "an " + scheme + " URL") + (host.isEmpty() ? "" : " (host " + host + ")")
                    + ": it must be https (the webhook URL is a secret and must not travel in the clear). Copy the"
                    + " https://hooks.slack.com/services/… address from the Slack app's Incoming Webhooks page."));
        }
        return new SlackWebhook(webhook, uri, settings, pause);
    }

    @Override
    public String name() {
        return "Slack";
    }

    @Override
    public void send(PipelineOutcome outcome, MlopsEvents events) {
        String message = SlackMessage.render(outcome);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8)).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = post(request);
            int status = response.statusCode();
            if (status == 200) {
                return;
            }
            String body = shown(response.body());
            boolean retried = status == 429 || status >= 500;
            if (!retried || attempt >= settings.attempts()) {
                throw refusal(status, body, attempt);
            }
            Duration wait = status == 429 ? retryAfter(response) : Duration.ofSeconds(attempt);
            if (wait.compareTo(settings.maxWait()) > 0) {
                throw new NotificationException(name(), "Slack is limiting this webhook (429) and asks to wait "
                        + wait.toSeconds() + " s, longer than the " + settings.maxWait().toSeconds() + " s this goal waits."
                        + " Fewer messages per minute to this webhook (Slack allows about one a second) will avoid it.");
            }
            events.info("Slack answered " + status + (body.isEmpty() ? "" : " " + body) + "; sending again in "
                    + wait.toSeconds() + " s (attempt " + (attempt + 1) + " of " + settings.attempts() + ").");
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotificationException(name(), "Interrupted while waiting to send the message again.");
            }
        }
    }

    private HttpResponse<String> post(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the JDK's words may quote the address: only its host is shown
            throw new NotificationException(name(), "Cannot reach Slack at " + uri.getHost() + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + webhook.scrub(e.getMessage()))
                    + "). Check that the runner can reach it (a proxy: the JVM's https.proxyHost).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationException(name(), "Interrupted while sending the message.");
        }
    }

    private NotificationException refusal(int status, String body, int attempts) {
        String answer = "Slack answered " + status + (body.isEmpty() ? "" : " " + body);
        String newWebhook = " Create a new incoming webhook in the Slack app and put its URL in ";
        Text text = switch (status) {
            case 400 -> Text.of(answer, ": it refused the message as built by the plugin (",
                    body.isEmpty() ? "invalid_payload" : body, "). This is a defect of the plugin: report it with the build log.");
            case 403 -> Text.of(answer, ": the webhook may not post (revoked, or its app lost the permission).",
                    newWebhook, webhook.source(), ".");
            case 404 -> Text.of(answer, ": the webhook's channel or app no longer exists.", newWebhook, webhook.source(), ".");
            case 410 -> Text.of(answer, ": the webhook's channel is archived. Unarchive it, or create a webhook for another"
                    + " channel and put its URL in ", webhook.source(), ".");
            case 429 -> Text.of(answer, " ", attempts, " times: it is limiting this webhook. Send fewer messages per minute to it.");
            default -> Text.of(answer, status >= 500 ? " " + attempts + " times: Slack is failing; the message is lost for this run."
                    : ": an answer Slack does not document for webhooks. Check the webhook in the Slack app.");
        };
        return new NotificationException(name(), text);
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After").orElse("1").trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    // Slack's error bodies are short codes; anything else is cut and kept printable
    private String shown(String body) {
        String text = webhook.scrub(body == null ? "" : body.strip()).replaceAll("[^\\x20-\\x7E]", " ");
        return text.length() > MAX_BODY_SHOWN ? text.substring(0, MAX_BODY_SHOWN) + "…" : text;
    }
}
