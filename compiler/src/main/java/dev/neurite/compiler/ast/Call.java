package dev.neurite.compiler.ast;

import java.util.List;

/** A name with optional arguments: {@code adam(lr = 1e-3)}, {@code relu}, {@code normal(std = 0.01)}. */
public record Call(String name, Span span, List<Argument> arguments) {

    public Call {
        arguments = List.copyOf(arguments);
    }
}
