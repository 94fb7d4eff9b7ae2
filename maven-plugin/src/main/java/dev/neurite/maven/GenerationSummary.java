package dev.neurite.maven;

/**
 * What one {@code generate} run did.
 *
 * @param sources     {@code .nn} files found
 * @param regenerated files compiled again because they are new or changed
 * @param upToDate    files left alone because nothing they depend on changed
 * @param removed     generated files deleted because their {@code .nn} source is gone
 * @param errors      errors reported (the build fails when there is any)
 */
record GenerationSummary(int sources, int regenerated, int upToDate, int removed, int errors) {

    /** The line the plugin logs, e.g. {@code Neurite: 1 of 2 .nn files regenerated (1 up to date)}. */
    String describe() {
        StringBuilder line = new StringBuilder("Neurite: ").append(regenerated).append(" of ").append(sources)
                .append(sources == 1 ? " .nn file" : " .nn files").append(" regenerated (").append(upToDate)
                .append(" up to date");
        if (removed > 0) {
            line.append(", ").append(removed).append(removed == 1 ? " stale file" : " stale files").append(" removed");
        }
        return line.append(')').toString();
    }
}
