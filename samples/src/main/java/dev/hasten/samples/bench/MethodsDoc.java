package dev.hasten.samples.bench;

import dev.hasten.dsl.ConflictsWith;
import dev.hasten.dsl.DividesBatchSize;
import dev.hasten.dsl.LessThan;
import dev.hasten.dsl.Range;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.SumAtMost;
import dev.hasten.dsl.speedup.SpeedupCatalog;
import dev.hasten.runtime.cli.MethodsTable;
import dev.hasten.samples.recipes.FashionHotRecipe;
import dev.hasten.samples.recipes.FashionMediumRecipe;
import dev.hasten.samples.recipes.FashionMildRecipe;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes docs/METHODS.md: the catalog table of {@code ./hasten methods} (the same {@link
 * MethodsTable} rows), each method's facts read from its annotation (members, defaults, bounds,
 * slots, conflicts, cross-value checks, known cost, stages), the notes below, the recipes, and
 * Hasten's own measurements from {@value MethodsBenchmark#RESULTS}.
 *
 * <p>Run from the repository root: {@code ./hasten-bench MethodsDoc} (the samples' {@code
 * MethodsDocTest} fails while the file is stale).
 *
 * <p>About 400 lines only because of the notes, prose kept beside the code that prints them.
 */
public final class MethodsDoc {
  /** The generated file, relative to the repository root. */
  public static final String FILE = "docs/METHODS.md";

  /** Composer's facts and cautions, and what Hasten does differently, by method. */
  static final Map<String, String> NOTES =
      Map.ofEntries(
          Map.entry(
              "ProgressiveResizing",
              "A core of the Mosaic ResNet recipes. Resizes on the device after loading (Composer"
                  + " #728: resizing twice wastes the gain); sides round to the nearest multiple of"
                  + " sizeIncrement as Composer's do, but the resize is bilinear with antialiasing"
                  + " where Composer's is nearest-neighbour. Measured here: on 28×28 images the"
                  + " features learnt at 16×16 do not carry to full size (after 300 steps at 16×16,"
                  + " 84.6% on test images resized to 16 and 22.9% at 28), and the full-size phase"
                  + " comes when the learning rate is too low to re-adapt; hence the loss below."
                  + " mode = CROP (Composer's crop mode) cuts a full-resolution window instead, at"
                  + " one random place per batch."),
          Map.entry(
              "SelectiveBackprop",
              "~10% on ImageNet, 3.5x on CIFAR in its paper at some accuracy cost. Runs before the"
                  + " other batch transforms. Pays off only where backward dominates the step."),
          Map.entry(
              "MixUp",
              "Mixes the targets, as Composer does by default: exclusive with CutMix (slot"
                  + " input-mixing)."),
          Map.entry(
              "CutMix",
              "Mixes the targets by area, as Composer does by default: exclusive with MixUp."),
          Map.entry("CutOut", "Composer: \"little or no improvement\" once the baseline is tuned."),
          Map.entry(
              "RandomCrop",
              "Not a Composer method: torchvision's RandomCrop(size, padding), the standard CIFAR"
                  + " augmentation, as a built-in so that it changes every epoch (a DJL Dataset's"
                  + " transform is frozen once the split is resident). The uncovered border repeats"
                  + " the edge pixels (torchvision's padding_mode=\"edge\"; its default pads with"
                  + " black, which normalised data cannot name). Offsets come from the seed and the"
                  + " step, so resume is exact."),
          Map.entry(
              "HorizontalFlip",
              "Not a Composer method: torchvision's RandomHorizontalFlip, per image, drawn from the"
                  + " seed and the step (resume is exact). Wrong for data whose classes depend on"
                  + " left and right (digits, text)."),
          Map.entry(
              "ColOut",
              "Diminishing returns beside ProgressiveResizing (Composer). Measured here: a model"
                  + " trained on ColOut's shrunken images learns objects at about 0.82× scale and"
                  + " does not transfer to full-size 28×28 ones (after 300 steps: 44.8% at 28×28,"
                  + " 83.4% on test images resized to 23×23, baseline 84.8%); on ImageNet-sized"
                  + " images, where Composer measured it, the mismatch barely matters."),
          Map.entry(
              "DataPruning",
              "Scores examples with EL2N after a short warm-up. The seed paper: scoring and ordering"
                  + " had no effect at convergence on CIFAR/Food-101; pruning metrics that work on"
                  + " CIFAR fail on ImageNet (Sorscher et al. 2022). The warm-up runs before the"
                  + " first step, so its cost shows in wall time, not in training seconds."),
          Map.entry(
              "BlurPool", "A Pareto improvement on ResNet-50 (Composer); costs compute per step."),
          Map.entry(
              "SqueezeExcite",
              "Slower steps, fewer of them needed (Composer). Gates a convolution with at least"
                  + " minChannels channels in and out, Composer's rule; the baseline CNN's widest"
                  + " convolution is 32 -> 64, so its row gates from 32."),
          Map.entry(
              "StochasticDepth",
              "+0.4% at ~5% time (rate 0.1, Composer). Evaluation scales by the keep probability"
                  + " (Composer #372 was a silent bug there). dropWarmup grows the rates from 0 as"
                  + " Composer's drop_warmup; granularity = SAMPLE drops per example (Composer's"
                  + " stochastic_method='sample'), computing every branch, so it saves no time. A"
                  + " dropped branch's weights take no update that step (no momentum, no weight"
                  + " decay), as PyTorch skips a parameter without gradient."),
          Map.entry(
              "GhostBatchNorm", "The ghost size must divide the batch; ~5% slower (Composer)."),
          Map.entry(
              "LayerFreezing",
              "+5% throughput, -0.5 to -1% accuracy; Composer: \"no evidence\" it helps. Composer"
                  + " cannot resume it (#1002); Hasten's progress is a function of the step. With"
                  + " BlurPool, the blur filters are constants, not layers, as Composer's buffers."),
          Map.entry(
              "LabelSmoothing",
              "Changes the targets; smoothing commutes with MixUp's and CutMix's convex mix, so"
                  + " their order does not matter."),
          Map.entry(
              "SeqLengthWarmup",
              "Composer's schedule as a function of progress (Composer counts whole batches per"
                  + " increment, so its length reaches full a little early). Truncates, as"
                  + " Composer's default; its truncate=False reshaping, which keeps the cut tokens"
                  + " as extra rows, and its full-length warm-up pass that reserves GPU memory are"
                  + " not offered. minSeqLength must be below the sequence length (the run refuses"
                  + " to start otherwise)."),
          Map.entry(
              "Ema",
              "Exclusive with Swa (\"model-averaging methods do not compose well\", Composer)."
                  + " Updates after each step whose count is a multiple of updateEverySteps, on"
                  + " Composer's phase; start delays the average as Composer's ema_start."),
          Map.entry(
              "Swa",
              "Exclusive with Ema. BatchNorm statistics are recomputed for the average (50"
                  + " training-mode batches from a reset, since DJL hides BatchNorm's momentum)."
                  + " The recomputation runs stochastic depth's branches all on, scaled, as"
                  + " evaluation runs them. lr gives the window its own learning rate (Composer's"
                  + " schedule_swa_lr), annealed to lr as given, where Composer anneals to the"
                  + " schedule's last rate."),
          Map.entry(
              "Sam",
              "Doubles the step cost on the steps it runs; Composer cannot resume it, Hasten's"
                  + " is stateless. Conflicts with GradientClipping (the update would use an"
                  + " unclipped gradient)."),
          Map.entry(
              "GradientClipping",
              "NORM and VALUE as PyTorch's clip_grad_norm_ and clip_grad_value_; ADAPTIVE is AGC"
                  + " with the paper's 1e-3 floor on weight norms (Composer's omission freezes"
                  + " zero-initialised biases)."),
          Map.entry(
              "ScaleSchedule",
              "How the paper's fewer-epoch baselines are made: the whole run, schedule and every"
                  + " fraction of it, scales by the ratio."),
          Map.entry(
              "DecoupledWeightDecay",
              "w <- w - lr_t*wd*w apart from the gradient (PyTorch's AdamW scale). Composer's"
                  + " DecoupledSGDW scales by lr_t/lr_0: divide a Composer value by the base rate."
                  + " Pair it with @Sgd(weightDecay = 0)."),
          Map.entry(
              "Alibi",
              "Composer's core language-model speedup: most of its gain is the short training"
                  + " windows, which the distance biases let the model extrapolate from. Slopes"
                  + " 2^(-8h/H), and for H not a power of two Press et al.'s interleaving, as"
                  + " Composer's. Differs from Composer: the position table is removed rather than"
                  + " zeroed and frozen (the same logits, no dead parameter); the bias is written"
                  + " -m(i - j) rather than m·j (the same softmax); windows are cut to their first"
                  + " s·T tokens rather than reshaped into 1/s times as many, so a step costs about"
                  + " s of a full one. Only the catalog's GPT attention is biased."),
          Map.entry(
              "GatedLinearUnits",
              "Composer: better convergence, slightly slower steps; it recommends no biases in"
                  + " the gate and the linear half (the defaults). Composer's code keeps the"
                  + " replaced hidden width (hiddenFraction = 1: 50% more feed-forward"
                  + " parameters and multiply-adds); hiddenFraction = 2/3 keeps the parameter"
                  + " count, as in Shazeer's comparisons. The activation is the feed-forward's own"
                  + " GELU. Only the catalog's GPT feed-forward is replaced."),
          Map.entry(
              "LowPrecisionLayerNorm",
              "GPU only: the run stops before its first step on the CPU. Composer's version acts"
                  + " only under autocast, which sends layer norms to FP32; DJL has no autocast, so"
                  + " here each LayerNorm casts its input and parameters to FP16 itself (casts that"
                  + " autograd records) and its result back to the input's type. Beside"
                  + " @MixedPrecision its input is FP16 already and its gain and shift become FP16"
                  + " too. FP16 only: DJL 0.36's cast to BF16 aborted libtorch when tried here. Its"
                  + " FP16 arithmetic is tested on the CPU (LowPrecisionLayerNormMethodTest); it"
                  + " has not yet been measured on a GPU."),
          Map.entry(
              "MixedPrecision",
              "GPU only: the run stops before its first step on the CPU. DJL 0.36 has no autocast"
                  + " and its casts cut the autograd graph, so the runtime runs the model on FP16"
                  + " leaf copies of the FP32 masters, moves their gradients onto the masters, and"
                  + " scales the loss's gradient itself (PyTorch GradScaler's rule). It claims the"
                  + " optimizer-step slot (it skips overflowed steps), so it excludes Sam. Its"
                  + " whole FP16 step is trained on the CPU by MixedPrecisionTrainingTest (30 steps"
                  + " of the compact CNN: the loss falls from 2.2 to 0.94 against 0.97 in FP32); it"
                  + " has not yet been measured on a GPU."));

  /** Why each recipe holds what it holds (the recipes' javadoc says the same at more length). */
  static final Map<Class<? extends Annotation>, String> RECIPE_NOTES =
      Map.of(
          FashionMildRecipe.class,
          "Composer's Mild, tuned to Fashion-MNIST: methods that cost (almost) nothing per step and"
              + " make fewer steps enough. Progressive resizing is the saving, from 20 px (0.75 of 28, pinned to a multiple of 4)"
              + " over the first half, not Composer's half size, which cost 2-6 points on 28x28"
              + " images; BlurPool and label smoothing 0.1 are cheap accuracy gains; EMA with a"
              + " 20-step half-life (Composer's ~100 lags behind a 1,400-step run); decoupled decay"
              + " is Composer's 5e-4 at its base rate, rescaled to this base rate.",
          FashionMediumRecipe.class,
          "Composer's Medium, tuned: Mild plus MixUp (alpha 0.1, neutral over 6 epochs here where"
              + " Composer's 0.2 costs more on short runs) and Sam every 10th step (about +10% per"
              + " epoch), regularisers for longer runs.",
          FashionHotRecipe.class,
          "Composer's Hot, tuned: Medium's methods with more smoothing (0.13) and mixing (0.2),"
              + " stochastic depth 0.1 and Sam every 5th step; for the longest runs. Composer's"
              + " ColOut is left out: on 28x28 images it teaches a scale that full-size test images"
              + " do not have (see ColOut below).");

  private MethodsDoc() {}

  public static void main(String[] args) throws IOException {
    Path file = Paths.get(FILE);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, render(Paths.get(MethodsBenchmark.RESULTS)));
    System.out.println("wrote " + file);
  }

  /** The whole document, with the measurements of {@code results} (which may not exist). */
  public static String render(Path results) throws IOException {
    Map<String, String> rows = MethodsBenchmark.read(results);
    StringBuilder doc = new StringBuilder();
    doc.append("# The speedup catalog\n\n")
        .append("Generated by `./hasten-bench MethodsDoc` from the annotations in")
        .append(" `dsl/src/main/java/dev/hasten/dsl/speedup` and the measurements in `")
        .append(MethodsBenchmark.RESULTS)
        .append("`; do not edit by hand. `./hasten methods` prints the first table. How a")
        .append(" speedup is declared and checked: [API.md](API.md).\n\n");
    catalogTable(doc);
    measurements(doc, rows);
    recipes(doc);
    notOffered(doc);
    doc.append("## Each method\n\n");
    for (Class<? extends Annotation> type : SpeedupCatalog.BUILT_IN) {
      method(doc, type);
    }
    OptimizerSections.render(doc);
    return doc.toString();
  }

  private static void catalogTable(StringBuilder doc) {
    doc.append("| ").append(String.join(" | ", MethodsTable.COLUMNS)).append(" |\n");
    doc.append("|").append("---|".repeat(MethodsTable.COLUMNS.size())).append("\n");
    for (Class<? extends Annotation> type : SpeedupCatalog.BUILT_IN) {
      List<String> cells = new ArrayList<>();
      // "CONV2D|MAX_POOL" would end a Markdown cell.
      MethodsTable.row(type).forEach(cell -> cells.add(cell.replace("|", "\\|")));
      doc.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    doc.append('\n');
  }

  private static void measurements(StringBuilder doc, Map<String, String> rows) {
    doc.append("## Measured here\n\n")
        .append("Each method alone on its baseline, 2 epochs of full Fashion-MNIST (60,000")
        .append(" training and 10,000 test images), batch 128, SGD (lr 0.05, momentum 0.9, weight")
        .append(" decay 5e-4), cosine schedule; the baseline CNN of `FashionBaseline`, or ResNet")
        .append(" TINY for the methods that need residual blocks or a size-agnostic head. The")
        .append(" pipelines are in `samples/.../bench/MethodPipelines.java`. One run each on 2")
        .append(" CPU cores, one method after another in one invocation of the benchmark, with")
        .append(" no other training job on the machine. Training is deterministic (the same seed")
        .append(" gives the same accuracy), but on this shared machine the time of the same run")
        .append(" varies by up to about 18% (the baseline CNN's 2 epochs took 74.3 and 76.5 s in")
        .append(" two invocations here, 65.0 and 73.1 s in the two frontier sweeps of")
        .append(" docs/BENCHMARKS.md), so ratios between about 0.85 and 1.18 are noise:")
        .append(" LabelSmoothing or Ema cannot make a")
        .append(" step cheaper. The BlurPool row is from after its blur became a depthwise")
        .append(" convolution (110.0 s; 152.0 s before, with the same accuracy). Accuracy")
        .append(
            " differences under about 0.5 points are within seed noise. *s/epoch* is training time (evaluation")
        .append(" excluded) over the pipeline's 2 epochs; *wall* is the whole run, set-up and")
        .append(" evaluation included. Two pipelines depart from the method's defaults because")
        .append(" the defaults do nothing, or nothing that trains, in 2 epochs: LayerFreezing")
        .append(" starts freezing at once (`freezeStart = 0`), and DataPruning's run warms its")
        .append(" learning rate up over 10% of the steps (on the kept hardest 70% the first")
        .append(" steps' loss spike otherwise kills the network). DataPruning's time includes its")
        .append(" scoring (a warm-up epoch over all the data and a scoring pass); its steps are")
        .append(" fewer because its epochs are 70% as long.\n\n")
        .append("Measured with:\n\n```\n")
        .append("flock /tmp/hasten-heavy.lock ./hasten-bench MethodsBenchmark\n")
        .append("./hasten-bench MethodsDoc\n```\n\n")
        .append("The rows of SqueezeExcite, LayerFreezing, StochasticDepth and Swa +")
        .append(" StochasticDepth (the one pair measured) are from two later invocations, each")
        .append(" with its baseline, after SqueezeExcite began gating by Composer's rule, a")
        .append(
            " stochastic-depth branch dropped in a step stopped taking that step's update, SWA's")
        .append(" BatchNorm re-estimation began running every branch as evaluation does, and")
        .append(" BlurPool's filter stopped counting as a layer. Other jobs shared the machine")
        .append(" during them, so their times and time ratios are noise (the baseline CNN's 2")
        .append(" epochs took 212.3 s in one and 80.7 s in the other, with the same accuracy).")
        .append(" Their accuracies are exact; the table compares them with the first invocation's")
        .append(" baselines, kept so that the other rows compare with their own. The baselines")
        .append(" measured beside them reached 89.70% (CNN) and 88.59% (ResNet), +0.07 and -0.15")
        .append(" points from the first invocation, through changes to the loop made in between,")
        .append(" none of them these fixes. Measured with:\n\n```\n")
        .append("flock /tmp/hasten-heavy.lock ./hasten-bench MethodsBenchmark ResNetBaseline")
        .append(" ResNetStochasticDepth ResNetSwaStochasticDepth\n")
        .append("flock /tmp/hasten-heavy.lock ./hasten-bench MethodsBenchmark CnnBaseline")
        .append(" CnnSqueezeExcite CnnLayerFreezing\n")
        .append("./hasten-bench MethodsDoc\n```\n\n");
    if (rows.isEmpty()) {
      doc.append("(No measurements yet.)\n\n");
      return;
    }
    doc.append("| method | model | s/epoch | vs baseline | test acc | vs baseline | wall s |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (List<Class<?>> group : List.of(MethodPipelines.CNN, MethodPipelines.RESNET)) {
      String[] base = split(rows.get(group.get(0).getSimpleName()));
      for (Class<?> pipeline : group) {
        String[] row = split(rows.get(pipeline.getSimpleName()));
        String method = MethodsBenchmark.method(pipeline);
        if (row == null) {
          doc.append("| ")
              .append(method)
              .append(" | ")
              .append(model(group))
              .append(" | not measured here")
              .append(method.equals("MixedPrecision") ? " (needs a GPU)" : "")
              .append(" | | | | |\n");
          continue;
        }
        double perEpoch = Double.parseDouble(row[5]) / 2;
        double acc = Double.parseDouble(row[7]);
        doc.append("| ")
            .append(method)
            .append(" | ")
            .append(row[2])
            .append(" | ")
            .append(fmt("%.1f", perEpoch))
            .append(" | ");
        if (base != null && !row[0].equals(base[0])) {
          double basePerEpoch = Double.parseDouble(base[5]) / 2;
          double baseAcc = Double.parseDouble(base[7]);
          doc.append(fmt("x%.2f", perEpoch / basePerEpoch))
              .append(" | ")
              .append(fmt("%.2f%%", 100 * acc))
              .append(" | ")
              .append(fmt("%+.2f", 100 * (acc - baseAcc)))
              .append(" | ");
        } else {
          doc.append("- | ").append(fmt("%.2f%%", 100 * acc)).append(" | - | ");
        }
        doc.append(row[6]).append(" |\n");
      }
    }
    doc.append('\n');
  }

  private static void recipes(StringBuilder doc) {
    doc.append("## Recipes\n\n")
        .append("In `samples/src/main/java/dev/hasten/samples/recipes/`, each used by a pipeline")
        .append(" of the same level (`FashionRecipeMild`, `FashionRecipeMedium`,")
        .append(" `FashionRecipeHot`: ResNet SMALL, SGD lr 0.2 one-cycle, 6 epochs). Composer's")
        .append(" values throughout, since a search over them on full data does not fit this")
        .append(" machine; the javadoc of each recipe says why each method is in it.\n\n");
    for (Class<? extends Annotation> recipe :
        List.of(FashionMildRecipe.class, FashionMediumRecipe.class, FashionHotRecipe.class)) {
      doc.append("- **@").append(recipe.getSimpleName()).append("**: ");
      List<String> parts = new ArrayList<>();
      for (Annotation a : recipe.getAnnotations()) {
        if (a.annotationType().isAnnotationPresent(Speedup.class)) {
          parts.add(written(a));
        }
      }
      doc.append(String.join(", ", parts))
          .append(". ")
          .append(RECIPE_NOTES.get(recipe))
          .append("\n");
    }
    doc.append('\n');
  }

  private static void notOffered(StringBuilder doc) {
    doc.append("## Not offered, and why\n\n")
        .append("- **ChannelsLast** (NHWC memory layout): DJL 0.36 has no memory-format API; a")
        .append(" transpose would change the shape every layer sees, not the layout.\n")
        .append("- **BF16**: DJL 0.36 aborts the JVM on a BF16 cast (\"terminate called without")
        .append(" an active exception\"), although this CPU has AVX-512 BF16 instructions.\n")
        .append("- **Factorize**: \"never observed to help\" on ResNet-50 (Composer).\n")
        .append("- **RandAugment, AugMix**: CPU augmentation chains, 1.1-10x slower in Composer's")
        .append(" measurements; Hasten's data stays on the device.\n")
        .append("- **interpolate_loss** (MixUp, CutMix): mixing two losses instead of the targets")
        .append(" gives the same loss and gradient, since the cross-entropy is linear in the")
        .append(" targets (`TargetMixingLinearityTest`).\n\n");
  }

  private static void method(StringBuilder doc, Class<? extends Annotation> type) {
    Speedup s = type.getAnnotation(Speedup.class);
    List<String> row = MethodsTable.row(type);
    doc.append("### @")
        .append(type.getSimpleName())
        .append("\n\n")
        .append(s.summary())
        .append("\n\n")
        .append("- component ")
        .append(row.get(1))
        .append(", effect ")
        .append(row.get(2))
        .append(", needs ")
        .append(row.get(3).replace("|", " or "))
        .append(", slots ")
        .append(row.get(4))
        .append('\n')
        .append("- acts at: ")
        .append(Arrays.stream(s.stages()).map(Enum::name).collect(Collectors.joining(", ")))
        .append('\n');
    List<Method> members = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
    members.sort(Comparator.comparing(Method::getName));
    if (!members.isEmpty()) {
      doc.append("- members: ")
          .append(members.stream().map(MethodsDoc::member).collect(Collectors.joining("; ")))
          .append('\n');
    }
    for (ConflictsWith c : type.getAnnotationsByType(ConflictsWith.class)) {
      doc.append("- conflicts with @")
          .append(c.value().getSimpleName())
          .append(": ")
          .append(c.reason())
          .append('\n');
    }
    for (LessThan l : type.getAnnotationsByType(LessThan.class)) {
      doc.append("- ").append(l.lower()).append(" < ").append(l.upper()).append('\n');
    }
    for (SumAtMost sum : type.getAnnotationsByType(SumAtMost.class)) {
      doc.append("- ")
          .append(String.join(" + ", sum.members()))
          .append(" <= ")
          .append(number(sum.max()))
          .append('\n');
    }
    DividesBatchSize divides = type.getAnnotation(DividesBatchSize.class);
    if (divides != null) {
      doc.append("- ").append(divides.value()).append(" divides the batch size\n");
    }
    if (!s.cost().isEmpty()) {
      doc.append("- known cost (a compile warning; acknowledge with")
          .append(" `@SuppressWarnings(\"hasten:cost\")`): ")
          .append(s.cost())
          .append('\n');
    }
    String note = NOTES.get(type.getSimpleName());
    if (note != null) {
      doc.append("- notes: ").append(note).append('\n');
    }
    doc.append('\n');
  }

  /** {@code rho: double = 0.05, in (0, ∞)}. */
  static String member(Method m) {
    StringBuilder out =
        new StringBuilder("`")
            .append(m.getName())
            .append("` ")
            .append(m.getReturnType().getSimpleName());
    Object value = m.getDefaultValue();
    out.append(value == null ? " (required)" : " = " + value(value));
    Range range = m.getAnnotation(Range.class);
    if (range != null) {
      boolean closedBelow = range.minInclusive() && !Double.isInfinite(range.min());
      boolean closedAbove = range.maxInclusive() && !Double.isInfinite(range.max());
      out.append(" in ")
          .append(closedBelow ? "[" : "(")
          .append(number(range.min()))
          .append(", ")
          .append(number(range.max()))
          .append(closedAbove ? "]" : ")");
    }
    return out.toString();
  }

  /** {@code @Sam(rho = 0.5, interval = 10)}, with only the values that differ from the defaults. */
  private static String written(Annotation a) {
    List<String> values = new ArrayList<>();
    List<Method> members = new ArrayList<>(Arrays.asList(a.annotationType().getDeclaredMethods()));
    members.sort(Comparator.comparing(Method::getName));
    for (Method m : members) {
      try {
        Object value = m.invoke(a);
        if (!value.equals(m.getDefaultValue())) {
          values.add(m.getName() + " = " + value(value));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    String name = "@" + a.annotationType().getSimpleName();
    return values.isEmpty() ? name : name + "(" + String.join(", ", values) + ")";
  }

  private static String value(Object value) {
    return value instanceof Double d ? number(d) : String.valueOf(value);
  }

  private static String number(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String model(List<Class<?>> group) {
    return group == MethodPipelines.CNN ? "baseline CNN" : "ResNet TINY";
  }

  private static String[] split(String row) {
    return row == null ? null : row.split("\t");
  }

  private static String fmt(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }
}
