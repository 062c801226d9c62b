import type { CliCommand } from '../types';
import { infoCommand } from './info';
import { pairedCommand } from './paired';
import { clustersCommand } from './clusters';
import { roiCommand } from './roi';
import { matrixPairedCommand } from './matrix-paired';
import { demoDataCommand } from './demo-data';
import { permuteCommand } from './permute';
import { renderCommand } from './render';
import { surfaceCommand } from './surface';

export const commands: CliCommand[] = [infoCommand, pairedCommand, clustersCommand, roiCommand, matrixPairedCommand, demoDataCommand, permuteCommand, renderCommand, surfaceCommand];
