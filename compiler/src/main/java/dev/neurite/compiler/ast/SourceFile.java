package dev.neurite.compiler.ast;

import java.util.List;

/** A parsed {@code .nn} file: its declarations in source order (those that parsed). */
public record SourceFile(String name, List<Declaration> declarations) {

    public SourceFile {
        declarations = List.copyOf(declarations);
    }
}
