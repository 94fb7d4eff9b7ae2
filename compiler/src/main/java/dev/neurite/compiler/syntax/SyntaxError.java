package dev.neurite.compiler.syntax;

import org.antlr.v4.runtime.Token;

/**
 * A syntax error as the error strategy words it, before it becomes a diagnostic.
 *
 * @param at      the token to point at (never EOF: errors at the end point at the last real token)
 * @param message what is wrong
 * @param help    how to fix it, or {@code null}
 */
record SyntaxError(Token at, String message, String help) {
}
