package dev.neurite.runtime.cpu;

/**
 * Run in a JVM started without {@code --add-modules jdk.incubator.vector} by {@link SgemmTest}: prints which
 * GEMM {@link Sgemm#create} chose and the product {@code [1 2] . [3 8]^T}.
 */
final class SgemmWithoutVectorModule {

    public static void main(String[] args) {
        float[] c = new float[1];
        try (Sgemm gemm = Sgemm.create(1)) {
            gemm.multiply(false, false, 1, 1, 2, 1f, new float[] {1f, 2f}, 0, 2, new float[] {3f, 8f}, 0, 1,
                    0f, c, 0, 1);
            System.out.println(gemm.description() + " " + c[0]);
        }
    }
}
