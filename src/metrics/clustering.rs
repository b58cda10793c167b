//! Clustering: local clustering (unweighted, Onnela, Barrat), average clustering,
//! transitivity and square clustering. (Issue 3; being filled in.)
