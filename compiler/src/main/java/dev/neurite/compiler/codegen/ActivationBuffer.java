package dev.neurite.compiler.codegen;

/**
 * A per-batch buffer of a generated model: the model input or the output of a step, with its gradient buffer.
 *
 * @param field       the Java field holding the values, e.g. {@code relu1Out}; {@code input} for the model input
 * @param sizeConstant the constant naming its per-sample size, e.g. {@code DENSE1_OUT}
 * @param size        its per-sample size
 */
record ActivationBuffer(String field, String sizeConstant, int size) {

    static final ActivationBuffer INPUT = new ActivationBuffer("input", "INPUT_SIZE", -1);

    boolean isModelInput() {
        return field.equals("input");
    }

    /** The field of the gradient of the loss with respect to this buffer: {@code dRelu1Out}. */
    String gradientField() {
        return "d" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
