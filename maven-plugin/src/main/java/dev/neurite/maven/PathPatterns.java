package dev.neurite.maven;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Maven's include/exclude patterns ({@code **}{@code /*.nn}, {@code legacy/**}) over paths relative to the source
 * directory, written with {@code /}. {@code **} matches any number of folders, including none; {@code *} and
 * {@code ?} match within one folder name.
 */
final class PathPatterns {

    private final List<Pattern> patterns;

    PathPatterns(List<String> patterns) {
        this.patterns = patterns.stream().map(PathPatterns::toRegex).map(Pattern::compile).toList();
    }

    boolean matchesAny(String relativePath) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(relativePath).matches());
    }

    private static String toRegex(String antPattern) {
        String pattern = antPattern.replace('\\', '/');
        if (pattern.endsWith("/")) {
            pattern = pattern + "**"; // as in Maven, "dir/" means everything below dir
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else {
                char c = pattern.charAt(i++);
                regex.append(switch (c) {
                    case '*' -> "[^/]*";
                    case '?' -> "[^/]";
                    default -> Pattern.quote(String.valueOf(c));
                });
            }
        }
        return regex.toString();
    }
}
