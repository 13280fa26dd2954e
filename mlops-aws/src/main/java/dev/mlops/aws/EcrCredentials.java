package dev.mlops.aws;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.image.RegistryCredential;
import dev.mlops.core.image.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/**
 * Registry credentials from ECR's authorization token ({@code GetAuthorizationToken}, valid 12 hours),
 * asked for with the AWS SDK's default credential chain. Fetched once and kept until it expires.
 */
public final class EcrCredentials implements RegistryCredentials {

    private final EcrClient ecr;
    private final EcrRegistry registry;
    private final Clock clock;
    private RegistryCredential cached;
    private Instant expiresAt = Instant.MIN;

    public EcrCredentials(EcrClient ecr, EcrRegistry registry, Clock clock) {
        this.ecr = ecr;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "Amazon ECR authorization token for " + registry.host()
                + " (AWS default credential chain: environment, web identity/OIDC, profile, instance role)";
    }

    @Override
    public synchronized Optional<RegistryCredential> lookup(String host) {
        if (!registry.host().equalsIgnoreCase(host)) {
            return Optional.empty();
        }
        if (cached == null || clock.instant().isAfter(expiresAt.minusSeconds(300))) {
            fetch();
        }
        return Optional.of(cached);
    }

    private void fetch() {
        GetAuthorizationTokenResponse response;
        try {
            response = ecr.getAuthorizationToken(b -> {});
        } catch (EcrException e) {
            int status = e.statusCode();
            if (!e.isThrottlingException() && (status == 400 || status == 401 || status == 403)) {
                throw new ConfigurationException("ECR refused GetAuthorizationToken for " + registry.host() + " ("
                        + e.awsErrorDetails().errorCode() + "). Give the CI role ecr:GetAuthorizationToken (see"
                        + " docs/goals/package.md, ECR set-up) and check the AWS credentials and region.", e);
            }
            throw new InfrastructureException("ECR failed GetAuthorizationToken for " + registry.host() + " (HTTP "
                    + status + ", after the SDK's retries). Run the goal again later.", e);
        } catch (SdkClientException e) {
            throw new ConfigurationException("No AWS credentials for ECR " + registry.host() + " (" + e.getMessage()
                    + "). In GitLab CI use id_tokens with AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE; locally, aws sso login"
                    + " or AWS_PROFILE.", e);
        } catch (SdkException e) {
            throw new InfrastructureException("Cannot get an ECR authorization token for " + registry.host() + ": "
                    + e.getMessage(), e);
        }
        AuthorizationData data = response.authorizationData().stream().findFirst()
                .orElseThrow(() -> new InfrastructureException("ECR returned no authorization data for "
                        + registry.host(), null));
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new InfrastructureException("ECR returned an authorization token that is not user:password", null);
        }
        cached = new RegistryCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
        expiresAt = data.expiresAt() != null ? data.expiresAt() : clock.instant().plusSeconds(3600);
    }
}
