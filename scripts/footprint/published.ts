/**
 * The Go and Spring Boot figures the goblog posts published (callistaenterprise.se, "Go
 * Microservices" parts 2, 3 and 5, 2017), cited as published: measured by `docker stats` or the
 * OS on the author's laptop, not on this machine.
 */
export interface PublishedFigure {
  name: string;
  idleMiB?: number;
  at1kMiB?: number;
  cpuAt1kPercent?: number;
  source: string;
}

export const PUBLISHED: PublishedFigure[] = [
  {
    name: 'Go accountservice (goblog P5)',
    idleMiB: 5.6,
    at1kMiB: 35.2,
    cpuAt1kPercent: 25.5,
    source: 'goblog part 5: docker stats on Swarm, after start and at 1K req/s',
  },
  {
    name: 'Go accountservice, BoltDB (P3)',
    idleMiB: 2.1,
    at1kMiB: 31.2,
    cpuAt1kPercent: 10,
    source: 'goblog part 3: the process on a laptop, idle and at 1K req/s',
  },
  {
    name: 'Spring Boot quotes-service (P5)',
    idleMiB: 293.9,
    source: 'goblog part 5: docker stats on Swarm, after start',
  },
];

/** The talk's Go image, quoted beside ours (issue #20): not measured here. */
export const GO_IMAGE = 'Go (the talk): a 5–20 MB static binary on a ~6 MB base image';
