export type { ConnMatrix, Node, Edge } from './types';
export { MATRIX_LIMITS, MatrixError } from './types';
export { parseMatrix } from './parse-matrix';
export { parseNodeTable } from './nodes';
export { fisherZ, edgewisePaired } from './edgewise';
export { edgeMatrices, edgePasses } from './edgeMatrices';
export type { EdgeMatrices, EdgeThreshold } from './edgeMatrices';
export { matrixSvg, divergingColour, escapeXml, type MatrixFigure } from './matrixSvg';
export { conditionEdges, holdsFisherZ, type ConditionEdges, type MatrixNode } from './conditionEdges';
