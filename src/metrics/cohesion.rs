//! Paths and cohesion: reach, core numbers, k-core, articulation points, bridges, shortest path
//! lengths, global efficiency, diameter. (Issue 3; being filled in.)
