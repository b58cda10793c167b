//! Centrality: betweenness (Brandes), closeness, harmonic, eigenvector, PageRank, and Opsahl's
//! alpha-tuned weighted variants. (Issue 3; being filled in.)
