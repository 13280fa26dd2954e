package dev.mlops.gitlab;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The component project as a bare repository that {@code include: project} and remote components
 * reach through git's {@code insteadOf}: https://gitlab.example.com:443/mlops/gitlab-templates.git
 * becomes file:///…/mlops/gitlab-templates.git, so nothing leaves the machine.
 */
final class ComponentRemote {

    private ComponentRemote() {}

    /** Commits the component as it is in this module to a bare repository, on branch {@code ref}; returns the root holding {@code gitconfig}. */
    static Path publish(Path root, String ref) {
        Path work = root.resolve("work");
        GitlabCiLocal.copyComponent(work);
        GitlabCiLocal.initRepository(work, "mlops/gitlab-templates");
        GitlabCiLocal.exec(work, List.of("git", "branch", "-f", ref), 1, Map.of());
        Path bare = root.resolve("mlops/gitlab-templates.git");
        GitlabCiLocal.exec(root, List.of("git", "clone", "-q", "--bare", work.toString(), bare.toString()), 1, Map.of());
        GitlabCiLocal.write(root.resolve("gitconfig"), "[url \"file://" + root + "/\"]\n\tinsteadOf = https://gitlab.example.com:443/\n"
                + "[protocol \"file\"]\n\tallow = always\n[uploadpack]\n\tallowFilter = true\n");
        return root;
    }
}
