package dev.mlops.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ImageTargetTest {

    private static final Path TAR = Path.of("target/mlops/image.tar");
    private final List<String> ecrHosts = new ArrayList<>();
    private final RepositorySetup ecrSetup = (registry, repository) -> {};
    private final Function<String, RepositorySetup> ecr = host -> {
        ecrHosts.add(host);
        return ecrSetup;
    };

    @Test
    void noTargetAndNoRepositoryIsATarballNamedAfterTheModel() {
        assertEquals(new ImageTarget.Tar("spam", TAR), ImageTarget.of(null, null, "spam", TAR, ecr));
        assertEquals(new ImageTarget.Tar("spam", TAR), ImageTarget.of(" ", "", "spam", TAR, ecr));
        assertTrue(ecrHosts.isEmpty());
    }

    @Test
    void noTargetWithARepositoryIsThatRegistryWithNoSetup() {
        assertEquals(new ImageTarget.Registry("registry.example.com/team/spam", RepositorySetup.NONE),
                ImageTarget.of("", "registry.example.com/team/spam", "spam", TAR, ecr));
        assertTrue(ecrHosts.isEmpty());
    }

    @Test
    void aTarTargetKeepsTheRepositoryAsTheImageName() {
        assertEquals(new ImageTarget.Tar("registry.example.com/team/spam", TAR),
                ImageTarget.of("tar", "registry.example.com/team/spam", "spam", TAR, ecr));
    }

    @Test
    void theEcrTargetAsksForTheSetupOfTheRepositorysRegistryHostOnly() {
        ImageTarget target = ImageTarget.of("ecr", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/spam", "spam", TAR, ecr);
        ImageTarget.Registry registry = (ImageTarget.Registry) target;
        assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/spam", registry.repository());
        assertSame(ecrSetup, registry.setup());
        assertEquals(List.of("123456789012.dkr.ecr.eu-west-1.amazonaws.com"), ecrHosts);
    }

    @Test
    void anUnknownTargetIsNamedWithTheNearestKnownOne() {
        ImageTarget.InvalidTarget e = assertThrows(ImageTarget.InvalidTarget.class,
                () -> ImageTarget.of("registy", "registry.example.com/team/spam", "spam", TAR, ecr));
        assertEquals("registy", e.target());
        assertFalse(e.missingRepository());
        assertTrue(e.hint().contains("registry"), e.hint());
        assertTrue(e.getMessage().contains("'registy'"), e.getMessage());
        assertTrue(ecrHosts.isEmpty());
    }

    @Test
    void aRegistryOrEcrTargetWithoutARepositoryIsRefusedBeforeAnySetup() {
        for (String name : List.of("registry", "ecr")) {
            ImageTarget.InvalidTarget e = assertThrows(ImageTarget.InvalidTarget.class,
                    () -> ImageTarget.of(name, " ", "spam", TAR, ecr));
            assertEquals(name, e.target());
            assertTrue(e.missingRepository());
            assertEquals("", e.hint());
        }
        assertTrue(ecrHosts.isEmpty());
    }
}
