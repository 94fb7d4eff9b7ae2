package dev.neurite.maven;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathPatternsTest {

    @Test
    void doubleStarMatchesAnyNumberOfFoldersIncludingNone() {
        PathPatterns patterns = new PathPatterns(List.of("**/*.nn"));
        assertTrue(patterns.matchesAny("xor.nn"));
        assertTrue(patterns.matchesAny("a/b/xor.nn"));
        assertFalse(patterns.matchesAny("xor.nn.bak"));
        assertFalse(patterns.matchesAny("notes.txt"));
    }

    @Test
    void singleStarAndQuestionMarkStayWithinOneFolder() {
        PathPatterns patterns = new PathPatterns(List.of("legacy/*.nn", "v?.nn"));
        assertTrue(patterns.matchesAny("legacy/old.nn"));
        assertFalse(patterns.matchesAny("legacy/deep/old.nn"));
        assertTrue(patterns.matchesAny("v1.nn"));
        assertFalse(patterns.matchesAny("v10.nn"));
    }

    @Test
    void aTrailingSlashMeansEverythingBelow() {
        PathPatterns patterns = new PathPatterns(List.of("drafts/"));
        assertTrue(patterns.matchesAny("drafts/x.nn"));
        assertTrue(patterns.matchesAny("drafts/a/x.nn"));
        assertFalse(patterns.matchesAny("x.nn"));
    }
}
