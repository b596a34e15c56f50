package dev.hasten.runtime.loop;

import dev.hasten.dsl.Trait;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The facts of one pipeline the loop needs, as the processor read them from its annotations. The
 * generated {@code FooModule} builds it from literal values; the command line may override epochs
 * and seed through {@link #withEpochs(int)} and {@link #withSeed(long)}.
 */
public final class RunSpec {
  private final String pipeline;
  private final int epochs;
  private final int batchSize;
  private final long seed;
  private final int channels;
  private final int height;
  private final int width;
  private final int classes;
  private final int sequenceLength;
  private final Set<Trait> traits;
  private final List<String> speedups;

  private RunSpec(Builder b) {
    this.pipeline = Objects.requireNonNull(b.pipeline, "pipeline");
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.channels = b.channels;
    this.height = b.height;
    this.width = b.width;
    this.classes = b.classes;
    this.sequenceLength = b.sequenceLength;
    this.traits = b.traits.isEmpty() ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(b.traits);
    this.speedups = List.copyOf(b.speedups);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The pipeline's fully qualified class name. */
  public String pipeline() {
    return pipeline;
  }

  /** The pipeline's simple class name. */
  public String simpleName() {
    return pipeline.substring(pipeline.lastIndexOf('.') + 1);
  }

  public int epochs() {
    return epochs;
  }

  public int batchSize() {
    return batchSize;
  }

  public long seed() {
    return seed;
  }

  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int classes() {
    return classes;
  }

  /**
   * Tokens per window for a language-modelling pipeline ({@code @LanguageModeling}); 0 for a
   * pipeline whose inputs are images.
   */
  public int sequenceLength() {
    return sequenceLength;
  }

  /** Whether inputs are token sequences (a language model) rather than images. */
  public boolean isSequenceTask() {
    return sequenceLength > 0;
  }

  public Set<Trait> traits() {
    return traits;
  }

  /** Simple names of the speedups in effect, in loop order. */
  public List<String> speedups() {
    return speedups;
  }

  public RunSpec withEpochs(int newEpochs) {
    return toBuilder().setEpochs(newEpochs).build();
  }

  public RunSpec withSeed(long newSeed) {
    return toBuilder().setSeed(newSeed).build();
  }

  private Builder toBuilder() {
    return builder()
        .setPipeline(pipeline)
        .setEpochs(epochs)
        .setBatchSize(batchSize)
        .setSeed(seed)
        .setImageShape(channels, height, width)
        .setClasses(classes)
        .optSequenceLength(sequenceLength)
        .optTraits(traits.toArray(new Trait[0]))
        .optSpeedups(speedups.toArray(new String[0]));
  }

  /** Builder in DJL's style: {@code set…} for required values, {@code opt…} for optional ones. */
  public static final class Builder {
    private String pipeline;
    private int epochs = 1;
    private int batchSize = 128;
    private long seed = 42;
    private int channels = 1;
    private int height = 28;
    private int width = 28;
    private int classes = 10;
    private int sequenceLength;
    private Set<Trait> traits = EnumSet.noneOf(Trait.class);
    private List<String> speedups = List.of();

    private Builder() {}

    public Builder setPipeline(String pipeline) {
      this.pipeline = pipeline;
      return this;
    }

    public Builder setEpochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder setBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder setImageShape(int channels, int height, int width) {
      this.channels = channels;
      this.height = height;
      this.width = width;
      return this;
    }

    public Builder setClasses(int classes) {
      this.classes = classes;
      return this;
    }

    /** Makes the pipeline a language model on windows of {@code sequenceLength} tokens. */
    public Builder optSequenceLength(int sequenceLength) {
      this.sequenceLength = sequenceLength;
      return this;
    }

    public Builder optTraits(Trait... traits) {
      this.traits =
          traits.length == 0 ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(List.of(traits));
      return this;
    }

    public Builder optSpeedups(String... speedups) {
      this.speedups = List.of(speedups);
      return this;
    }

    public RunSpec build() {
      return new RunSpec(this);
    }
  }
}
