# Defaults every benchmark script shares (sourced from the repository root); each can be overridden from the
# environment: JNAS (a frozen copy of the launcher for long runs), DATA, TABLE, ENCODER.
JNAS=${JNAS:-./jnas}
DATA=${DATA:-imagefolder:../shared/data/cifar10-jpg.tar.gz}
TABLE=${TABLE:-../shared/data/nb201}
ENCODER=${ENCODER:-../shared/models/mobilenetv2-12-int8.onnx}
