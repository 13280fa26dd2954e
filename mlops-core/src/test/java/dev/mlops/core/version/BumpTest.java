package dev.mlops.core.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BumpTest {

    @Test
    void featIsMinorFixIsPatch() {
        assertEquals(Bump.MINOR, Bump.of(List.of("fix: typo", "feat(text): bigrams")));
        assertEquals(Bump.PATCH, Bump.of(List.of("fix: typo", "chore: deps")));
    }

    @Test
    void bangOrBreakingChangeFooterIsMajor() {
        assertEquals(Bump.MAJOR, Bump.of(List.of("feat!: new label set")));
        assertEquals(Bump.MAJOR, Bump.of(List.of("refactor(api)!: drop csv")));
        assertEquals(Bump.MAJOR, Bump.of(List.of("feat: x\n\nBREAKING CHANGE: the payload changed")));
    }

    @Test
    void anythingElseIsPatch() {
        assertEquals(Bump.PATCH, Bump.of(List.of("Update README", "featuring: not a type")));
        assertEquals(Bump.PATCH, Bump.of(List.of()));
    }
}
