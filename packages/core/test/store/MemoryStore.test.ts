import { MemoryStore } from "@jiceng/core"
import { repositoryContract } from "@jiceng/testkit"

repositoryContract("MemoryStore", MemoryStore.layer)
