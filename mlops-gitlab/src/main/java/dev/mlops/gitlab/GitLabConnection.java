package dev.mlops.gitlab;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Text;
import dev.mlops.core.notify.NotificationException;
import dev.mlops.core.notify.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gitlab4j.api.GitLabApi;

/**
 * GitLab's REST API and the token for it, checked before any request: https only (http to a loopback address, for
 * tests), since the token must not travel in the clear.
 */
public final class GitLabConnection {

    /** The masked CI variable that holds the token. */
    public static final String VARIABLE = "MLOPS_GITLAB_TOKEN";

    private static final Pattern LOOPBACK = Pattern.compile("localhost|127(\\.\\d{1,3}){3}|\\[::1]");

    private final String hostUrl;
    private final Secret token;
    private final Duration timeout;

    private GitLabConnection(String hostUrl, Secret token, Duration timeout) {
        this.hostUrl = hostUrl;
        this.token = token;
        this.timeout = timeout;
    }

    /**
     * @param apiUrl GitLab's REST API ({@code CI_API_V4_URL}, {@code https://gitlab.example.com/api/v4})
     * @param timeout for connecting and for each answer
     * @throws ConfigurationException when the URL is not an https URL ending in {@code /api/v4}
     */
    public static GitLabConnection of(String apiUrl, Secret token, Duration timeout) {
        URI api;
        try {
            api = new URI(apiUrl);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("GitLab's API URL '" + apiUrl + "' (CI_API_V4_URL) is not a URL.");
        }
        String scheme = Optional.ofNullable(api.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        String host = Optional.ofNullable(api.getHost()).orElse("").toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http") && LOOPBACK.matcher(host).matches())) {
            throw new ConfigurationException(Text.of("GitLab's API URL '", apiUrl, "' (CI_API_V4_URL) is not https:"
                    + " the token in ", token.source(), " must not travel in the clear. Serve GitLab over https."));
        }
        String trimmed = apiUrl.replaceAll("/+$", "");
        if (!trimmed.endsWith("/api/v4")) {
            throw new ConfigurationException("GitLab's API URL '" + apiUrl + "' (CI_API_V4_URL) does not end in"
                    + " /api/v4: give the API's address, e.g. https://gitlab.example.com/api/v4.");
        }
        return new GitLabConnection(trimmed.substring(0, trimmed.length() - "/api/v4".length()), token, timeout);
    }

    /** A client; close it after use. */
    GitLabApi open() {
        int millis = (int) timeout.toMillis();
        return new GitLabApi(hostUrl, token.value()).withRequestTimeout(millis, millis);
    }

    Secret token() {
        return token;
    }

    /** A fault below the API (connection, timeout), in words that show no token. */
    NotificationException unreachable(String channel, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new NotificationException(channel, "Cannot reach GitLab at " + URI.create(hostUrl).getHost() + " ("
                + e.getClass().getSimpleName() + ": " + token.scrub(root.getClass().getSimpleName()
                        + (root.getMessage() == null ? "" : ": " + root.getMessage()))
                + "). Check that the runner can reach CI_API_V4_URL.");
    }

    /** The advice for a 401, the same for every use of the token. */
    Text rejectedToken(String answer) {
        return Text.of(answer, ": the token in ", token.source(), " is wrong, expired or revoked. Create a project or"
                + " personal access token with the api scope and put it there.");
    }
}
